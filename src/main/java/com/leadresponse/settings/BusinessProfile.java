package com.leadresponse.settings;

import java.time.ZoneId;

/**
 * Who is texting: the name used in templates ({@code {businessName}}), the zone whose
 * midnight ends the SMS day, and the country national phone numbers are read in.
 */
public record BusinessProfile(String name, ZoneId zone, String country) {
}

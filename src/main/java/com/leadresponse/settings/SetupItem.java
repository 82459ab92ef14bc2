package com.leadresponse.settings;

/**
 * One line of the first sign-in's setup checklist (SPEC 6): what to set up, whether it is
 * done, and where to do it. Contributed by the feature it belongs to.
 *
 * @param order where it stands in the list
 * @param link the page that sets it up, or null
 */
public record SetupItem(int order, String title, String detail, boolean done, String link, String linkText) {
}

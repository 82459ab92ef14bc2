package com.leadresponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Lead Response: texts every new lead within seconds, follows up, and gives staff one
 * inbox.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadResponseApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeadResponseApplication.class, args);
	}

}

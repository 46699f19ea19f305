package io.cdp.profile;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The profile service: resolves identities into one profile per person and serves
 * profiles and history.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProfileApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProfileApplication.class, args);
	}

}

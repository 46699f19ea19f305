package io.cdp.profile.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The privacy requests' settings, {@code cdp.privacy.*}.
 *
 * @param stepTimeout how long a request waits for one step (the identity topology taking
 * the suppressions or the deletion, the store writer catching up) before it lets the next
 * run of {@code resume-interval} try again
 * @param resumeInterval how often pending requests are taken up again (after a restart,
 * or a step that timed out)
 */
@ConfigurationProperties("cdp.privacy")
record PrivacyProperties(@DefaultValue("60s") Duration stepTimeout, @DefaultValue("5s") Duration resumeInterval) {

}

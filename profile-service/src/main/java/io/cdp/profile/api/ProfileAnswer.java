package io.cdp.profile.api;

/**
 * An answer that shows one person's data, which the gateway's audit of reads records
 * under the person's profile id ({@link AuditedProfileAdvice}).
 */
interface ProfileAnswer {

	/** The id of the profile whose data the answer shows: the survivor of a merge. */
	String profileId();

}

package io.cdp.bench.http;

/**
 * One request's answer and how long it took, from sending to the last byte of the body.
 *
 * @param status the HTTP status, or {@link #NO_ANSWER} when there was none (refused,
 * reset, timed out)
 * @param body the body, or the failure when there was no answer
 * @param nanos how long it took
 * @param rateLimit the gateway's {@code RateLimit-Limit} header, empty when absent
 */
public record Exchange(int status, String body, long nanos, String rateLimit) {

	/** The status of a request that got no HTTP answer. */
	public static final int NO_ANSWER = 0;

	/**
	 * Whether the platform took it.
	 * @return true for a 2xx status
	 */
	public boolean ok() {
		return this.status >= 200 && this.status < 300;
	}

	@Override
	public String toString() {
		return this.status + " " + ((this.body.length() > 300) ? this.body.substring(0, 300) + "…" : this.body);
	}

}

package io.cdp.kafka.compression;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;
import org.jspecify.annotations.Nullable;

/**
 * Loads lz4's native library, so that Kafka's lz4 codec compresses and decompresses
 * record batches with it.
 *
 * <p>
 * Kafka asks {@link LZ4Factory#fastestInstance()} for a codec for every batch. That
 * answers with the native codec only when the library is loaded already or when lz4's
 * classes belong to the JVM's system class loader: it will not load a native library on
 * behalf of another class loader by itself. A service started from its executable jar
 * ({@code java -jar}, as {@code deploy/local/cdp-up.sh} runs it) has its libraries in
 * Spring Boot's class loader, so Kafka compressed every batch with lz4's pure-Java code,
 * whose compressor was 15 % of the ingest service's CPU time under batch load. A service
 * runs in one class loader, so loading the library for it here is what the rule guards.
 */
public final class NativeLz4 {

	private NativeLz4() {
	}

	/**
	 * Loads the native library if lz4 has one for this operating system and processor and
	 * it can be loaded (it is extracted to the temporary directory when it is not on
	 * {@code java.library.path}).
	 * @return the implementation Kafka's lz4 codec uses from now on
	 */
	public static Implementation load() {
		try {
			Native.load();
		}
		catch (UnsupportedOperationException | LinkageError ex) {
			return Implementation.of(LZ4Factory.fastestInstance(), ex.getMessage());
		}
		return Implementation.of(LZ4Factory.fastestInstance(), null);
	}

	/**
	 * The lz4 implementation in use.
	 *
	 * @param name the name of lz4's factory ({@code JNI} for the native library,
	 * {@code JavaUnsafe} or {@code JavaSafe} otherwise)
	 * @param whyNotNative why the native library could not be loaded, or null
	 */
	public record Implementation(String name, @Nullable String whyNotNative) {

		static Implementation of(LZ4Factory factory, @Nullable String whyNotNative) {
			return new Implementation(factory.toString().replaceFirst("^LZ4Factory:", ""), whyNotNative);
		}

		/**
		 * Whether it is the native library.
		 */
		public boolean isNative() {
			return "JNI".equals(this.name);
		}

	}

}

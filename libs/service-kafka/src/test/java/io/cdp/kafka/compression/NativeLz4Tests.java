package io.cdp.kafka.compression;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeLz4Tests {

	/**
	 * Whether lz4's jar carries a native library for this operating system and processor
	 * (it does for Linux on x86-64, where the build runs).
	 */
	private static final boolean LIBRARY_FOR_THIS_MACHINE = Native.class
		.getResource("/net/jpountz/util/" + os() + "/" + System.getProperty("os.arch") + "/liblz4-java.so") != null;

	@Test
	void shouldGiveKafkaTheNativeCodecWhenLz4BelongsToAnApplicationClassLoader() throws Exception {
		try (URLClassLoader application = new URLClassLoader(
				new URL[] { location(NativeLz4.class), location(LZ4Factory.class) },
				ClassLoader.getPlatformClassLoader())) {
			Class<?> factory = application.loadClass(LZ4Factory.class.getName());
			assertThat(factory).isNotSameAs(LZ4Factory.class);
			assertThat(fastestInstance(factory)).as("before the library is loaded").isNotEqualTo("LZ4Factory:JNI");

			Object implementation = application.loadClass(NativeLz4.class.getName()).getMethod("load").invoke(null);

			assertThat(implementation.getClass().getMethod("isNative").invoke(implementation))
				.isEqualTo(LIBRARY_FOR_THIS_MACHINE);
			assertThat(fastestInstance(factory)).isEqualTo(LIBRARY_FOR_THIS_MACHINE ? "LZ4Factory:JNI"
					: "LZ4Factory:" + implementation.getClass().getMethod("name").invoke(implementation));
		}
	}

	@Test
	void shouldLoadTheNativeCodecWhenTheContextStarts() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(NativeLz4AutoConfiguration.class))
			.run((context) -> {
				NativeLz4.Implementation implementation = context.getBean(NativeLz4.Implementation.class);
				assertThat(implementation.isNative()).isEqualTo(LIBRARY_FOR_THIS_MACHINE);
				assertThat(LZ4Factory.fastestInstance().toString()).isEqualTo("LZ4Factory:" + implementation.name());
			});
	}

	@Test
	void shouldRoundTripKafkasLz4BatchesAndRefuseACorruptOneWithTheNativeCodec() throws Exception {
		assertThat(NativeLz4.load().isNative()).isEqualTo(LIBRARY_FOR_THIS_MACHINE);
		Compression lz4 = Compression.lz4().build();
		byte[] records = "{\"type\":\"track\",\"event\":\"Order Completed\"}".repeat(2_000)
			.getBytes(StandardCharsets.UTF_8);
		ByteBufferOutputStream buffer = new ByteBufferOutputStream(1024);
		try (OutputStream out = lz4.wrapForOutput(buffer, RecordBatch.CURRENT_MAGIC_VALUE)) {
			out.write(records);
		}
		ByteBuffer compressed = buffer.buffer().flip();
		assertThat(compressed.remaining()).isLessThan(records.length / 10);
		assertThat(read(lz4, compressed.duplicate())).isEqualTo(records);

		// Bytes a broker or a client got wrong: the native decompressor checks its bounds
		// and fails the read, as the Java one does; it must not take the JVM down.
		ByteBuffer corrupt = ByteBuffer.allocate(compressed.remaining()).put(compressed.duplicate()).flip();
		for (int index = 11; index < corrupt.limit() - 8; index += 7) {
			corrupt.put(index, (byte) (corrupt.get(index) ^ 0x5A));
		}
		assertThatThrownBy(() -> read(lz4, corrupt)).isInstanceOfAny(IOException.class, KafkaException.class,
				LZ4Exception.class);
	}

	private static byte[] read(Compression compression, ByteBuffer compressed) throws IOException {
		try (InputStream in = compression.wrapForInput(compressed, RecordBatch.CURRENT_MAGIC_VALUE,
				BufferSupplier.create())) {
			return in.readAllBytes();
		}
	}

	private static String fastestInstance(Class<?> factory) throws ReflectiveOperationException {
		return factory.getMethod("fastestInstance").invoke(null).toString();
	}

	private static URL location(Class<?> type) throws URISyntaxException, MalformedURLException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
	}

	private static String os() {
		String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		return name.startsWith("linux") ? "linux"
				: name.startsWith("mac") ? "darwin" : name.startsWith("windows") ? "win32" : name;
	}

}

package io.cdp.kafka.compression;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Locale;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

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

package io.cdp.testinfra.redis;

import java.io.IOException;
import java.net.ServerSocket;

import redis.embedded.RedisServer;

/**
 * A {@code redis-server} started from the binaries that the embedded-redis jar on Maven
 * Central carries, on a free loopback port, with nothing written to disk.
 */
final class EmbeddedRedis {

	private EmbeddedRedis() {
	}

	static RedisBackend start() {
		try {
			int port = freePort();
			RedisServer server = RedisServer.newRedisServer()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			return new RedisBackend.Running("embedded redis-server", "redis://127.0.0.1:" + port, () -> stop(server));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start an embedded redis-server", ex);
		}
	}

	private static void stop(RedisServer server) {
		try {
			server.stop();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not stop the embedded redis-server", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}

package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletContext;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.linli.LinliTest;
import cn.linli.shared.upload.UploadStore;

/**
 * Nobody makes the server spool a large body before being authorized: multipart only where
 * uploads are taken, within that endpoint's cap, read only after authorization; every other body
 * capped, also when sent chunked.
 */
@LinliTest
class RequestBodyLimitTests {

	static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1 };

	@LocalServerPort
	int port;

	@Autowired
	ServletContext servletContext;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UploadStore uploads;

	/** Where Tomcat spools multipart parts: the context's temporary directory. */
	File spool() {
		return (File) servletContext.getAttribute(ServletContext.TEMPDIR);
	}

	Set<String> spooled() throws Exception {
		var names = ConcurrentHashMap.<String>newKeySet();
		if (spool().exists()) {
			try (var walk = Files.walk(spool().toPath())) {
				walk.filter(p -> p.getFileName().toString().startsWith("upload_")).forEach(p -> names.add(p.toString()));
			}
		}
		return names;
	}

	/**
	 * Declares a 50 MB multipart body but sends only its first megabyte, then waits for the answer:
	 * a server that read the body before refusing would still be waiting for the rest.
	 */
	String fiftyMegabytesAnnouncedTo(String path) throws Exception {
		long length = 50L * 1024 * 1024;
		try (var socket = new Socket("localhost", port)) {
			socket.setSoTimeout(10_000);
			var out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Type: multipart/form-data; boundary=zz\r\n"
					+ "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.write("--zz\r\nContent-Disposition: form-data; name=\"files\"; filename=\"villages.csv\"\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.write(new byte[1024 * 1024]);
			out.flush();
			InputStream in = socket.getInputStream();
			var status = new StringBuilder();
			for (int c; (c = in.read()) != -1 && c != '\r';) {
				status.append((char) c);
			}
			return status.toString();
		}
	}

	@Test
	void anAnonymousFiftyMegabyteUploadIsRefusedWithoutBeingSpooled() throws Exception {
		var before = spooled();
		var appeared = ConcurrentHashMap.<String>newKeySet();
		var watching = new AtomicBoolean(true);
		var watcher = Executors.newSingleThreadExecutor();
		watcher.submit(() -> {
			while (watching.get()) {
				var now = spooled();
				now.removeAll(before);
				appeared.addAll(now);
				Thread.sleep(5);
			}
			return null;
		});
		try {
			// the region import takes up to 400 MB, but only from a signed-in operator
			long t0 = System.nanoTime();
			assertThat(fiftyMegabytesAnnouncedTo("/admin/regions/import")).isIn("HTTP/1.1 403 ", "HTTP/1.1 302 ", "HTTP/1.1 401 ");
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("answered at once").isLessThan(5_000);
			// an appeal takes at most 32 MB: refused from the declared length alone
			assertThat(fiftyMegabytesAnnouncedTo("/api/v1/appeals")).isEqualTo("HTTP/1.1 413 ");
			// where nothing is uploaded, multipart is refused outright
			assertThat(fiftyMegabytesAnnouncedTo("/login")).isEqualTo("HTTP/1.1 415 ");
		}
		finally {
			watching.set(false);
			watcher.shutdown();
			watcher.awaitTermination(5, TimeUnit.SECONDS);
		}
		assertThat(appeared).as("temporary upload files").isEmpty();
	}

	@Test
	void anAuthenticatedPhotoUploadWithinTheLimitStillWorks() throws Exception {
		var http = new Http(port);
		String resident = http.token("resident");
		long house = jdbc.sql("select rb.house_id from resident_binding rb join app_user u on u.id = rb.user_id where u.username = 'resident'")
			.query(Long.class).list().get(0);
		long files = files();
		String body = field("kind", "REPAIR") + field("category", "FACILITY") + field("urgency", "NORMAL") + field("body", "单元门禁坏了")
				+ field("houseId", String.valueOf(house)) + field("attr_trapped", "no")
				+ "--zz\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"门禁.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
		byte[] bytes = concat(body.getBytes(StandardCharsets.UTF_8), JPEG, new byte[2 * 1024 * 1024], "\r\n--zz--\r\n".getBytes());
		var created = http.send(http.request("/api/v1/appeals").header("Authorization", "Bearer " + resident)
			.header("Content-Type", "multipart/form-data; boundary=zz").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(files()).isEqualTo(files + 1);
	}

	@Test
	void aChunkedUploadIsRefusedAsItCannotBeMeasuredUpFront() throws Exception {
		var http = new Http(port);
		String resident = http.token("resident");
		var chunked = http.send(http.request("/api/v1/appeals").header("Authorization", "Bearer " + resident)
			.header("Content-Type", "multipart/form-data; boundary=zz")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(field("body", "x").getBytes()))));
		assertThat(chunked.statusCode()).isEqualTo(411);
		assertThat(Http.json(chunked).get("detail").asString()).contains("须声明内容长度");
	}

	@Test
	void otherBodiesAreCappedAlsoWhenSentChunked() throws Exception {
		var http = new Http(port);
		String resident = http.token("resident");
		byte[] big = ("{\"kind\":\"REPAIR\",\"body\":\"" + "很".repeat(700_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		var declared = http.send(http.request("/api/v1/appeals").header("Authorization", "Bearer " + resident)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
		assertThat(declared.statusCode()).isEqualTo(413);
		assertThat(Http.json(declared).get("detail").asString()).isEqualTo("请求内容过大：最多 1024 KB");
		var chunked = http.send(http.request("/api/v1/appeals").header("Authorization", "Bearer " + resident)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
		assertThat(chunked.statusCode()).isEqualTo(413);
		assertThat(Http.json(chunked).get("detail").asString()).isEqualTo("请求内容过大：最多 1024 KB");
	}

	@Test
	void anUploadOverItsEndpointsCapIsRefusedWithItsHint() throws Exception {
		var http = new Http(port);
		String committee = http.token("committee");
		byte[] tooBig = new byte[7 * 1024 * 1024];
		var response = http.send(http.request("/api/v1/motions/1/attachments").header("Authorization", "Bearer " + committee)
			.header("Content-Type", "multipart/form-data; boundary=zz").POST(HttpRequest.BodyPublishers.ofByteArray(tooBig)));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(Http.json(response).get("detail").asString()).isEqualTo("上传内容过大：此处每次最多 6 MB（附件不超过 5 MB）");
	}

	static String field(String name, String value) {
		return "--zz\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
	}

	static byte[] concat(byte[]... parts) {
		var out = new java.io.ByteArrayOutputStream();
		for (byte[] p : parts) {
			out.writeBytes(p);
		}
		return out.toByteArray();
	}

	long files() throws Exception {
		if (!Files.exists(uploads.root())) {
			return 0;
		}
		try (var walk = Files.walk(uploads.root())) {
			return walk.filter(Files::isRegularFile).count();
		}
	}
}

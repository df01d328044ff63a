package cn.linli.shared.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import cn.linli.shared.security.CurrentActor;
import cn.linli.shared.web.error.Failures;
import cn.linli.shared.web.input.RequestGuard;

/**
 * A POST to the API carrying an {@code Idempotency-Key} runs once per caller and key: a retry of
 * the same request (same method, path and body, compared by SHA-256) gets the first answer again
 * instead of creating a second record; the same key with a different request is refused (422); a
 * concurrent duplicate gets 409 while the first is in flight. Answers are kept for {@link #TTL}.
 * An answer that must not be stored ({@code Cache-Control: no-store}, e.g. a freshly issued API
 * key) is not: its replay says the request was done and that the secret was shown only once.
 * Runs after the security filters, so the caller is known and an upload is read only once authorized.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

	static final String HEADER = "Idempotency-Key";
	static final Duration TTL = Duration.ofHours(24);
	/** A claim left by a crashed request is given up after this long. */
	static final Duration STALE_CLAIM = Duration.ofMinutes(1);
	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

	private final JdbcClient jdbc;
	private final Clock clock;

	IdempotencyFilter(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
				|| !request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/api/v1/auth/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER).strip();
		var actor = CurrentActor.find();
		if (actor.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		if (!KEY.matcher(key).matches()) {
			ProblemResponses.write(response, HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Idempotency-Key 须为 1–200 个可见 ASCII 字符");
			return;
		}
		HttpServletRequest body;
		String hash;
		try {
			body = readable(request);
			hash = hash(body);
		}
		catch (IOException | RuntimeException e) {
			var failure = Failures.of(e);
			if (failure.serverError()) {
				throw e;
			}
			ProblemResponses.write(response, failure);
			return;
		}
		String user = actor.get().username();
		String path = request.getRequestURI();
		Instant now = clock.instant();
		int claimed = claim(user, key, path, hash, now);
		if (claimed == 0) {
			// a claim left by a crashed request, or an answer past its time, is given up and claimed afresh
			int stale = jdbc.sql("""
					delete from idempotent_request where user_key = :u and request_key = :k
					  and ((status is null and created_at < :stale) or expires_at < :now)""")
				.param("u", user).param("k", key).param("stale", Timestamp.from(now.minus(STALE_CLAIM))).param("now", Timestamp.from(now))
				.update();
			if (stale > 0) {
				claimed = claim(user, key, path, hash, now);
			}
		}
		if (claimed == 0) {
			replay(user, key, path, hash, response);
			return;
		}
		var wrapper = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(body, wrapper);
		}
		finally {
			if (wrapper.getStatus() >= 500) {
				jdbc.sql("delete from idempotent_request where user_key = :u and request_key = :k").param("u", user).param("k", key).update();
			}
			else {
				String cache = wrapper.getHeader("Cache-Control");
				boolean secret = cache != null && cache.contains("no-store");
				jdbc.sql("""
						update idempotent_request set status = :s, content_type = :t, body = :b, location = :l, secret = :secret
						where user_key = :u and request_key = :k""")
					.param("s", wrapper.getStatus()).param("t", secret ? null : wrapper.getContentType())
					.param("b", secret ? null : wrapper.getContentAsByteArray()).param("l", wrapper.getHeader("Location"))
					.param("secret", secret).param("u", user).param("k", key).update();
			}
			wrapper.copyBodyToResponse();
		}
	}

	private int claim(String user, String key, String path, String hash, Instant now) {
		return jdbc.sql("""
				insert into idempotent_request (user_key, request_key, method, path, request_hash, created_at, expires_at)
				values (:u, :k, 'POST', :p, :h, :now, :expires)
				on conflict do nothing""").param("u", user).param("k", key).param("p", path).param("h", hash)
			.param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(TTL))).update();
	}

	private void replay(String user, String key, String path, String hash, HttpServletResponse response) throws IOException {
		var stored = jdbc.sql("""
				select path, request_hash, status, content_type, body, location, secret from idempotent_request
				where user_key = :u and request_key = :k""")
			.param("u", user).param("k", key)
			.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4), rs.getBytes(5),
					rs.getString(6), rs.getBoolean(7)))
			.optional();
		if (stored.isEmpty()) {
			ProblemResponses.write(response, HttpStatus.CONFLICT, "idempotency-in-flight", "相同的请求正在处理中，请稍后重试");
			return;
		}
		var s = stored.get();
		if (!s.path().equals(path) || !hash.equals(s.hash())) {
			ProblemResponses.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
					"该 Idempotency-Key 已用于另一个请求（地址或内容不同）；新的请求请使用新的 Idempotency-Key");
			return;
		}
		if (s.status() == null) {
			ProblemResponses.write(response, HttpStatus.CONFLICT, "idempotency-in-flight", "相同的请求正在处理中，请稍后重试");
			return;
		}
		response.setHeader("Idempotent-Replayed", "true");
		if (s.location() != null) {
			response.setHeader("Location", s.location());
		}
		if (s.secret()) {
			ProblemResponses.write(response, HttpStatus.CONFLICT, "idempotent-secret-withheld", "该请求已完成（首次响应状态 " + s.status()
					+ "）；其中的密钥只在首次响应中显示一次，不再返回。如未收到，请吊销后重新签发");
			return;
		}
		response.setStatus(s.status());
		if (s.contentType() != null) {
			response.setContentType(s.contentType());
		}
		if (s.body() != null) {
			response.getOutputStream().write(s.body());
		}
	}

	private record Stored(String path, String hash, Integer status, String contentType, byte[] body, String location, boolean secret) {
	}

	/** Forgets answers past their time, so that the table does not grow without end. */
	@Scheduled(fixedDelayString = "${linli.idempotency.cleanup-every:PT1H}", initialDelayString = "PT1M")
	void forgetExpired() {
		int removed = jdbc.sql("delete from idempotent_request where expires_at < :now").param("now", Timestamp.from(clock.instant())).update();
		if (removed > 0) {
			log.debug("forgot {} idempotent answers", removed);
		}
	}

	/** The request with its body read once (JSON and the like), so that it can be hashed and then handled. */
	private static HttpServletRequest readable(HttpServletRequest request) throws IOException {
		if (RequestGuard.isMultipart(request) || RequestGuard.isForm(request)) {
			return request;
		}
		byte[] bytes = request.getInputStream().readAllBytes();
		return new CachedBody(request, bytes);
	}

	/**
	 * SHA-256 of what makes the request what it is: method, path, query and body. A form counts by
	 * its fields and a multipart body by its fields and files (name, file name, content), as the
	 * boundary differs from one retry to the next.
	 */
	private static String hash(HttpServletRequest request) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		update(digest, request.getMethod());
		update(digest, request.getRequestURI());
		update(digest, String.valueOf(request.getQueryString()));
		if (request instanceof CachedBody cached) {
			update(digest, String.valueOf(request.getContentType()));
			digest.update(cached.bytes);
			return HexFormat.of().formatHex(digest.digest());
		}
		var mock = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
		try {
			new TreeMap<>(request.getParameterMap()).forEach((name, values) -> {
				update(digest, name);
				for (String v : values) {
					update(digest, v);
				}
			});
			if (mock != null) {
				for (var files : new TreeMap<>(mock.getMultiFileMap()).entrySet()) {
					for (var file : files.getValue()) {
						update(digest, files.getKey());
						update(digest, String.valueOf(file.getOriginalFilename()));
						try (InputStream in = file.getInputStream()) {
							digest(digest, in);
						}
					}
				}
			}
			else if (RequestGuard.isMultipart(request)) {
				for (var part : request.getParts()) {
					if (part.getSubmittedFileName() != null) {
						update(digest, part.getName());
						update(digest, part.getSubmittedFileName());
						try (InputStream in = part.getInputStream()) {
							digest(digest, in);
						}
					}
				}
			}
		}
		catch (ServletException | RuntimeException e) {
			// the container parses the body here: a broken or oversized one is refused like in the handler
			throw new org.springframework.web.multipart.MultipartException("cannot read the body to compare it", e);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void update(MessageDigest digest, String s) {
		byte[] b = s.getBytes(StandardCharsets.UTF_8);
		// length-prefixed, so that ("ab","c") and ("a","bc") differ
		digest.update((byte) (b.length >>> 24));
		digest.update((byte) (b.length >>> 16));
		digest.update((byte) (b.length >>> 8));
		digest.update((byte) b.length);
		digest.update(b);
	}

	private static void digest(MessageDigest digest, InputStream in) throws IOException {
		byte[] buffer = new byte[8192];
		for (int n; (n = in.read(buffer)) > 0;) {
			digest.update(buffer, 0, n);
		}
	}

	/** A request whose body was read into memory (at most the body limit) and is served again from there. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] bytes;

		CachedBody(HttpServletRequest request, byte[] bytes) {
			super(request);
			this.bytes = bytes;
		}

		@Override
		public ServletInputStream getInputStream() {
			var in = new ByteArrayInputStream(bytes);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("a cached body is read synchronously");
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
		}

		@Override
		public int getContentLength() {
			return bytes.length;
		}

		@Override
		public long getContentLengthLong() {
			return bytes.length;
		}
	}
}

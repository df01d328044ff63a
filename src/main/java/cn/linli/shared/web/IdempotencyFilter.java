package cn.linli.shared.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import cn.linli.shared.security.CurrentActor;

/**
 * A POST to the API carrying an {@code Idempotency-Key} runs once per caller and key: a retry
 * gets the first answer again instead of creating a second record; a concurrent duplicate gets
 * 409 while the first is in flight. Runs after the security filters, so the caller is known.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	private final JdbcClient jdbc;

	IdempotencyFilter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
				|| !request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/api/v1/auth/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER).trim();
		var actor = CurrentActor.find();
		if (key.isEmpty() || key.length() > 200 || actor.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		String user = actor.get().username();
		String path = request.getRequestURI();
		int claimed = claim(user, key, path);
		if (claimed == 0) {
			// a claim left by a crashed request is given up after a minute, then claimed afresh
			int stale = jdbc.sql("delete from idempotent_request where user_key = :u and request_key = :k and status is null and created_at < now() - interval '1 minute'")
				.param("u", user).param("k", key).update();
			if (stale > 0) {
				claimed = claim(user, key, path);
			}
		}
		if (claimed == 0) {
			replay(user, key, path, response);
			return;
		}
		var wrapper = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, wrapper);
		}
		finally {
			if (wrapper.getStatus() >= 500) {
				jdbc.sql("delete from idempotent_request where user_key = :u and request_key = :k").param("u", user).param("k", key).update();
			}
			else {
				jdbc.sql("update idempotent_request set status = :s, content_type = :t, body = :b where user_key = :u and request_key = :k")
					.param("s", wrapper.getStatus()).param("t", wrapper.getContentType()).param("b", wrapper.getContentAsByteArray())
					.param("u", user).param("k", key).update();
			}
			wrapper.copyBodyToResponse();
		}
	}

	private int claim(String user, String key, String path) {
		return jdbc.sql("""
				insert into idempotent_request (user_key, request_key, method, path) values (:u, :k, 'POST', :p)
				on conflict do nothing""").param("u", user).param("k", key).param("p", path).update();
	}

	private void replay(String user, String key, String path, HttpServletResponse response) throws IOException {
		var stored = jdbc.sql("select path, status, content_type, body from idempotent_request where user_key = :u and request_key = :k")
			.param("u", user).param("k", key)
			.query((rs, n) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getBytes(4)))
			.optional();
		if (stored.isEmpty() || stored.get().status() == null) {
			ProblemResponses.write(response, HttpStatus.CONFLICT, "idempotency-in-flight", "相同的请求正在处理中，请稍后重试");
			return;
		}
		if (!stored.get().path().equals(path)) {
			ProblemResponses.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "该 Idempotency-Key 已用于另一个请求");
			return;
		}
		response.setStatus(stored.get().status());
		response.setHeader("Idempotent-Replayed", "true");
		if (stored.get().contentType() != null) {
			response.setContentType(stored.get().contentType());
		}
		if (stored.get().body() != null) {
			response.getOutputStream().write(stored.get().body());
		}
	}

	private record Stored(String path, Integer status, String contentType, byte[] body) {
	}
}

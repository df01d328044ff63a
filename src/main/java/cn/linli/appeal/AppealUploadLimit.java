package cn.linli.appeal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.linli.shared.web.ProblemResponses;

/**
 * The server accepts bulk imports of hundreds of megabytes (regions, house ledgers), but an appeal
 * carries at most six photos of 5 MB: anything larger is refused from its declared length, before
 * the server spools it to disk. It runs ahead of Spring Security, whose CSRF check reads the form's
 * {@code _csrf} field and with it the whole multipart body. Browsers and phone apps declare the
 * length of a form; a chunked upload without one stays bounded by the server's general limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AppealUploadLimit extends OncePerRequestFilter {

	static final long MAX_REQUEST_BYTES = (cn.linli.appeal.domain.AppealPhotos.MAX_PHOTOS * 5L + 2) * 1024 * 1024;
	static final String MESSAGE = "上传内容过大：每张照片不超过 5 MB，每次最多 " + cn.linli.appeal.domain.AppealPhotos.MAX_PHOTOS + " 张";

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(under(path, "/api/v1/appeals") || under(path, "/appeals") || under(path, "/app/appeals"));
	}

	private static boolean under(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix + "/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() <= MAX_REQUEST_BYTES) {
			chain.doFilter(request, response);
		}
		else if (request.getRequestURI().startsWith("/api/")) {
			ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE, "too-large", MESSAGE);
		}
		else {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value(), MESSAGE);
		}
	}
}

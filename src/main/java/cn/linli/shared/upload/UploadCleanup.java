package cn.linli.shared.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Files stored outside a transaction are provisional: the first writing transaction the same
 * request commits afterwards keeps them (it is the one that recorded them); a request that ends
 * without one — the ballot was refused, the attachment's title was missing — leaves nothing on
 * disk. A commit whose outcome is unknown also keeps them, as the rows may point to them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class UploadCleanup extends OncePerRequestFilter implements TransactionExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(UploadCleanup.class);
	private static final String PROVISIONAL = UploadCleanup.class.getName() + ".provisional";

	/** Registers a file stored without a transaction; outside a request (a job, the demo data) it is simply kept. */
	static void provisional(Path file) {
		var attributes = RequestContextHolder.getRequestAttributes();
		if (attributes == null) {
			return;
		}
		@SuppressWarnings("unchecked")
		var files = (List<Path>) attributes.getAttribute(PROVISIONAL, RequestAttributes.SCOPE_REQUEST);
		if (files == null) {
			files = new ArrayList<>();
			attributes.setAttribute(PROVISIONAL, files, RequestAttributes.SCOPE_REQUEST);
		}
		files.add(file);
	}

	@Override
	public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
		var attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null && !transaction.isReadOnly()) {
			attributes.removeAttribute(PROVISIONAL, RequestAttributes.SCOPE_REQUEST);
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			@SuppressWarnings("unchecked")
			var files = (List<Path>) request.getAttribute(PROVISIONAL);
			if (files != null) {
				for (Path file : files) {
					try {
						Files.deleteIfExists(file);
					}
					catch (IOException e) {
						log.warn("could not remove the unrecorded upload {}", file, e);
					}
				}
			}
		}
	}
}

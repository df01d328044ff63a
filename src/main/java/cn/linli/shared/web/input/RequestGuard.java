package cn.linli.shared.web.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import cn.linli.shared.web.ProblemResponses;
import cn.linli.shared.web.error.Failures;
import cn.linli.shared.web.error.Failures.Failure;

/**
 * The first look at every request, before anything (Spring Security's CSRF check included)
 * reads its body:
 * <ul>
 * <li>a multipart body only on an {@link UploadEndpoints upload endpoint}, with a declared length
 * within that endpoint's cap; it is read only later, after authorization;</li>
 * <li>every other body within the general cap, also when sent chunked;</li>
 * <li>the path, the query string and form fields in valid UTF-8 and free of what {@link InputText}
 * refuses, and no more parameters than {@link #MAX_PARAMETERS}.</li>
 * </ul>
 * Multipart fields and file names are checked by {@link MultipartFields} once parsed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class RequestGuard extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);

	/** Far above any form of the platform (the largest has a few dozen fields), far below what hurts. */
	static final int MAX_PARAMETERS = 500;

	private final UploadEndpoints uploads;

	RequestGuard(UploadEndpoints uploads) {
		this.uploads = uploads;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Failure refused = checkPath(request);
		if (refused == null) {
			refused = checkQuery(request.getQueryString());
		}
		if (refused == null) {
			refused = checkBody(request);
		}
		if (refused == null && isForm(request)) {
			refused = checkForm(request);
		}
		if (refused != null) {
			log.info("refused {} {}: {}", request.getMethod(), request.getRequestURI(), refused.detail());
			ProblemResponses.refuse(request, response, refused);
			return;
		}
		chain.doFilter(isMultipart(request) ? request : new CappedBody(request, uploads.bodyLimit().toBytes()), response);
	}

	private static Failure checkPath(HttpServletRequest request) {
		// Tomcat has decoded and normalised it (and refused %00 and broken UTF-8 itself)
		String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		return InputText.problem(path, false).isPresent() ? Failures.invalid("path", "地址" + InputText.REFUSED) : null;
	}

	/** Decodes the raw query string strictly, so that broken UTF-8 is a clear 400 and not the container's failure later. */
	static Failure checkQuery(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		String[] pairs = query.split("&", MAX_PARAMETERS + 2);
		if (pairs.length > MAX_PARAMETERS) {
			return tooManyParameters();
		}
		for (String pair : pairs) {
			int eq = pair.indexOf('=');
			String name = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			if (name == null || value == null) {
				return Failures.invalid("query", "地址中的参数不是有效的 UTF-8 编码");
			}
			var problem = InputText.problem(name, false).or(() -> InputText.problem(value, InputText.multiline(name)));
			if (problem.isPresent()) {
				return field(name, problem.get());
			}
		}
		return null;
	}

	private Failure checkBody(HttpServletRequest request) {
		long length = request.getContentLengthLong();
		if (isMultipart(request)) {
			var endpoint = "POST".equals(request.getMethod()) ? uploads.find(request.getRequestURI()) : java.util.Optional.<UploadEndpoints.Endpoint>empty();
			if (endpoint.isEmpty()) {
				return new Failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart-refused", "此处不接受文件上传", java.util.List.of());
			}
			if (WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class) != null) {
				// parsed already (MockMvc builds it so): there is nothing left to spool
				return null;
			}
			if (length < 0) {
				// a chunked upload cannot be measured before it is spooled, and browsers always declare the length
				return new Failure(HttpStatus.LENGTH_REQUIRED, "length-required", "上传须声明内容长度（Content-Length）", java.util.List.of());
			}
			if (length > endpoint.get().maxSize().toBytes()) {
				return new Failure(HttpStatus.CONTENT_TOO_LARGE, "too-large", endpoint.get().tooLarge(), java.util.List.of());
			}
			return null;
		}
		if (length > uploads.bodyLimit().toBytes()) {
			return bodyTooLarge(uploads.bodyLimit().toBytes());
		}
		return null;
	}

	private static Failure checkForm(HttpServletRequest request) {
		Map<String, String[]> parameters;
		try {
			// the container parses the (size-limited) form here; a broken one fails here, not in a later filter
			parameters = request.getParameterMap();
		}
		catch (RuntimeException e) {
			log.debug("form refused", e);
			return Failures.invalid("form", "表单内容格式错误或参数过多");
		}
		if (parameters.size() > MAX_PARAMETERS) {
			return tooManyParameters();
		}
		return check(parameters);
	}

	/** Every name and value of a parsed parameter map. */
	public static Failure check(Map<String, String[]> parameters) {
		for (var entry : parameters.entrySet()) {
			String name = entry.getKey();
			if (InputText.problem(name, false).isPresent()) {
				return Failures.invalid("form", "参数名" + InputText.REFUSED);
			}
			boolean multiline = InputText.multiline(name);
			for (String value : entry.getValue()) {
				var problem = InputText.problem(value, multiline);
				if (problem.isPresent()) {
					return field(name, problem.get());
				}
			}
		}
		return null;
	}

	private static Failure field(String name, String problem) {
		String shown = InputText.problem(name, false).isPresent() || name.length() > 60 ? "参数" : name;
		return Failures.invalid(shown, "字段 " + shown + " " + problem);
	}

	private static Failure tooManyParameters() {
		return Failures.invalid("form", "参数过多：最多 " + MAX_PARAMETERS + " 个");
	}

	private static String decode(String s) {
		try {
			var bytes = new java.io.ByteArrayOutputStream(s.length());
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				if (c == '+') {
					bytes.write(' ');
				}
				else if (c == '%') {
					if (i + 2 >= s.length()) {
						return null;
					}
					int hi = Character.digit(s.charAt(i + 1), 16);
					int lo = Character.digit(s.charAt(i + 2), 16);
					if (hi < 0 || lo < 0) {
						return null;
					}
					bytes.write(hi * 16 + lo);
					i += 2;
				}
				else if (c <= 0xFF) {
					// the container hands raw bytes over as ISO-8859-1 characters
					bytes.write(c);
				}
				else {
					bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
				}
			}
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
		}
		catch (CharacterCodingException e) {
			return null;
		}
	}

	public static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
	}

	public static boolean isForm(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
	}

	static Failure bodyTooLarge(long limit) {
		return new Failure(HttpStatus.CONTENT_TOO_LARGE, "too-large", "请求内容过大：最多 " + limit / 1024 + " KB", java.util.List.of());
	}

	/** Thrown while a body is read once it passes the cap, which a chunked request cannot declare up front. */
	static final class BodyTooLarge extends IOException {

		final long limit;

		BodyTooLarge(long limit) {
			super("body larger than " + limit + " bytes");
			this.limit = limit;
		}
	}

	/** The refusal of a body or an upload over its cap, if that is what the failure was. */
	public static Failure tooLarge(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof BodyTooLarge b) {
				return bodyTooLarge(b.limit);
			}
			if (t.getClass().getName().endsWith("SizeLimitExceededException") || t.getClass().getName().endsWith("fileupload.impl.SizeException")) {
				return new Failure(HttpStatus.CONTENT_TOO_LARGE, "too-large", "上传内容过大", java.util.List.of());
			}
		}
		return null;
	}

	/** Counts what the application reads from a body and stops at the cap. */
	private static final class CappedBody extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		CappedBody(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				var in = super.getInputStream();
				stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = in.read(buffer, offset, length);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws BodyTooLarge {
						read += n;
						if (read > limit) {
							throw new BodyTooLarge(limit);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}
				};
			}
			return stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding();
			return new BufferedReader(new InputStreamReader(getInputStream(), encoding));
		}
	}
}

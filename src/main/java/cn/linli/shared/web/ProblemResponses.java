package cn.linli.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** A problem detail written straight to the response, for filters that answer before any controller runs. */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/** {@code detail} is one of our own fixed Chinese messages, so it needs no JSON escaping. */
	public static void write(HttpServletResponse response, HttpStatus status, String code, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(("{\"type\":\"https://linli.example/problems/" + code + "\",\"title\":\""
				+ status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\",\"code\":\"" + code
				+ "\"}").getBytes(StandardCharsets.UTF_8));
	}
}

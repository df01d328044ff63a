package cn.linli.shared.web.error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Host;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import cn.linli.shared.web.ProblemResponses;

/**
 * What Tomcat answers itself — a request line it cannot parse ({@code %00} or broken UTF-8 in
 * the path), too many parameters, a failure inside the error page — in Chinese like the rest:
 * a small page to browsers, a problem detail to programs, instead of Tomcat's English report.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public int getOrder() {
		// after Spring Boot's own customizer, which adds the plain ErrorReportValve
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			var host = (Host) context.getParent();
			for (var valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve && !(valve instanceof ChineseErrorReport)) {
					host.getPipeline().removeValve(valve);
				}
			}
			if (host instanceof StandardHost standard) {
				// otherwise the host adds its own plain report valve when it starts
				standard.setErrorReportValveClass(ChineseErrorReport.class.getName());
			}
			host.getPipeline().addValve(new ChineseErrorReport());
		});
	}

	public static class ChineseErrorReport extends ErrorReportValve {

		public ChineseErrorReport() {
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int code = response.getStatus();
			if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			var failure = Failures.ofStatus(HttpStatusCode.valueOf(code));
			String uri = request.getDecodedRequestURI();
			String accept = request.getHeader("Accept");
			boolean page = (uri == null || !Browsers.programPath(uri)) && accept != null && accept.contains("text/html");
			try {
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				response.setContentType(page ? MediaType.TEXT_HTML_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				var writer = response.getReporter();
				if (writer != null) {
					writer.write(page ? html(failure.status(), failure.detail()) : ProblemResponses.json(failure));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException e) {
				// the connection is gone or the response is already committed: nothing left to tell
			}
		}

		static String html(HttpStatus status, String message) {
			return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
					+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + Failures.title(status)
					+ " · 邻里</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body>"
					+ "<header class=\"topbar\"><a class=\"brand\" href=\"/home\">邻里<span>红色物业</span></a></header>"
					+ "<main class=\"container\"><section class=\"card error-page\"><p class=\"muted\">错误代码 " + status.value() + "</p><h1>"
					+ Failures.title(status) + "</h1><p class=\"error\">" + message + "</p><p><a href=\"/home\" class=\"button\">回到首页</a></p>"
					+ "</section></main></body></html>";
		}
	}
}

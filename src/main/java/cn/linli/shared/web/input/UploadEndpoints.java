package cn.linli.shared.web.input;

import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The only places that take multipart bodies, each with its own cap ({@code linli.multipart} in
 * application.yml): the rest of the platform refuses multipart outright, so that nobody can make
 * the server spool a large body anywhere else; every other body is capped at {@code body-limit}.
 */
@ConfigurationProperties("linli.multipart")
public record UploadEndpoints(DataSize bodyLimit, List<Endpoint> endpoints) {

	/** {@code path} is a Spring path pattern ({@code /appeals/*}{@code /resolve}); {@code hint} is added to the 413 message. */
	public record Endpoint(String path, DataSize maxSize, String hint) {

		PathPattern pattern() {
			return PathPatternParser.defaultInstance.parse(path);
		}

		public String tooLarge() {
			return "上传内容过大：此处每次最多 " + maxSize.toMegabytes() + " MB" + (hint == null || hint.isBlank() ? "" : "（" + hint + "）");
		}
	}

	public UploadEndpoints {
		bodyLimit = bodyLimit == null ? DataSize.ofMegabytes(1) : bodyLimit;
		endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
	}

	/** The upload endpoint a POST to this path is, if any. */
	public Optional<Endpoint> find(String path) {
		PathContainer container;
		try {
			container = PathContainer.parsePath(path);
		}
		catch (IllegalArgumentException e) {
			return Optional.empty();
		}
		return endpoints.stream().filter(e -> e.pattern().matches(container)).findFirst();
	}
}

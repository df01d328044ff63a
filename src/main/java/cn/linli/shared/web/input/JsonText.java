package cn.linli.shared.web.input;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every JSON string and object key a request body carries passes {@link InputText} while it is
 * read, whatever record it lands in; and a {@code null} inside a list ({@code "buildingIds": [null]})
 * is refused while reading instead of reaching the code that expects ids.
 */
@Configuration(proxyBeanMethods = false)
public class JsonText {

	@Bean
	JsonMapperBuilderCustomizer refuseUnsafeText() {
		var module = new SimpleModule("linli-input-text");
		module.addDeserializer(String.class, new CheckedString());
		module.addKeyDeserializer(String.class, new CheckedKey());
		return builder -> {
			builder.addModule(module);
			for (Class<?> type : List.of(List.class, Set.class, Collection.class)) {
				builder.withConfigOverride(type, o -> o.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
			}
		};
	}

	/** A refused string; {@code field} is its path in the body, e.g. {@code members[2].name}. */
	public static final class RefusedText extends MismatchedInputException {

		private final String field;
		private final String reason;

		RefusedText(JsonParser p, String field, String reason) {
			super(p, "refused text in " + field);
			this.field = field;
			this.reason = reason;
		}

		public String field() {
			return field;
		}

		public String reason() {
			return reason;
		}
	}

	private static final class CheckedString extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) {
			String value = super.deserialize(p, ctxt);
			check(p, value, false);
			return value;
		}
	}

	private static final class CheckedKey extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext ctxt) {
			check(ctxt.getParser(), key, true);
			return key;
		}
	}

	private static void check(JsonParser p, String value, boolean key) {
		String field = path(p.streamReadContext(), key);
		var problem = InputText.problem(value, !key && InputText.multiline(field));
		if (problem.isPresent()) {
			throw new RefusedText(p, field, key ? "的键名" + problem.get() : problem.get());
		}
	}

	/** The field's path, e.g. {@code attributes.trapped} or {@code candidates[1]}; a refused key is named by its object. */
	private static String path(TokenStreamContext context, boolean key) {
		var segments = new ArrayList<String>();
		for (TokenStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
			if (c.inArray()) {
				segments.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
			}
			else {
				segments.add(c.currentName() == null ? "" : c.currentName());
			}
		}
		if (key && !segments.isEmpty()) {
			segments.remove(0);
		}
		var sb = new StringBuilder();
		for (int i = segments.size() - 1; i >= 0; i--) {
			String s = segments.get(i);
			if (s.startsWith("[")) {
				sb.append(s);
			}
			else if (!s.isEmpty()) {
				sb.append(sb.isEmpty() ? "" : ".").append(s);
			}
		}
		String path = sb.toString();
		return path.isEmpty() || InputText.problem(path, false).isPresent() ? "请求体" : path;
	}
}

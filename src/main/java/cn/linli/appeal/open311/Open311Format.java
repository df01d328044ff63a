package cn.linli.appeal.open311;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

import cn.linli.shared.time.TimeConfiguration;

/**
 * The two representations GeoReport v2 defines, chosen by the path suffix. Documents are built
 * as ordered maps and lists once and written either way, so the XML and the JSON of a response
 * cannot drift apart: a list becomes a JSON array and, in XML, an element whose children are
 * named by {@link #ITEM}.
 */
enum Open311Format {

	XML(new MediaType("text", "xml", StandardCharsets.UTF_8)), JSON(new MediaType("application", "json", StandardCharsets.UTF_8));

	/** The spec's element names for the members of each list. */
	private static final Map<String, String> ITEM = Map.of("services", "service", "service_requests", "request", "errors", "error",
			"attributes", "attribute", "values", "value", "endpoints", "endpoint", "formats", "format");

	/** W3C with the offset and without fractions, as the spec's examples are. */
	private static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private final MediaType mediaType;

	Open311Format(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	MediaType mediaType() {
		return mediaType;
	}

	/** Only the two suffixes the spec knows; anything else is a resource that does not exist. */
	static Optional<Open311Format> ofSuffix(String suffix) {
		if ("xml".equals(suffix)) {
			return Optional.of(XML);
		}
		if ("json".equals(suffix)) {
			return Optional.of(JSON);
		}
		return Optional.empty();
	}

	/** For errors before (or instead of) routing: XML when the path asked for it, JSON otherwise. */
	static Open311Format guess(String path) {
		return path != null && path.endsWith(".xml") ? XML : JSON;
	}

	/** A top-level list: {@code root} is the name of the list in XML, JSON writes a bare array. */
	byte[] list(JsonMapper json, String root, List<? extends Map<String, ?>> items) {
		if (this == JSON) {
			return json.writeValueAsBytes(items);
		}
		return xml(w -> writeList(w, root, items));
	}

	/** A top-level object: the root element in XML, a JSON object. */
	byte[] object(JsonMapper json, String root, Map<String, ?> body) {
		if (this == JSON) {
			return json.writeValueAsBytes(body);
		}
		return xml(w -> {
			w.writeStartElement(root);
			writeFields(w, body);
			w.writeEndElement();
		});
	}

	byte[] errors(JsonMapper json, int code, String description) {
		return list(json, "errors", List.of(fields("code", code, "description", description)));
	}

	static String w3c(Instant instant) {
		return instant == null ? "" : W3C.format(instant.atZone(TimeConfiguration.ZONE));
	}

	/** What PostgreSQL can store and a query can sensibly ask for. */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
	private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

	/**
	 * A W3C datetime with its offset, or a bare date (midnight in Shanghai). Clients that forget to
	 * encode the {@code +} of {@code +08:00} send a space, which is read as the plus it was meant to be.
	 */
	static Instant parseW3c(String name, String text) {
		Instant at = parseDateTime(name, text);
		// Java reads years up to ±999,999,999, PostgreSQL's timestamps do not: an absurd year is the client's error, not ours
		if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
			throw Open311Exception.badRequest(name + " 超出可查询的范围（2000—2100 年）：" + text);
		}
		return at;
	}

	private static Instant parseDateTime(String name, String text) {
		String t = text.strip().replace(' ', '+');
		try {
			return OffsetDateTime.parse(t).toInstant();
		}
		catch (DateTimeParseException notADateTime) {
			try {
				return LocalDate.parse(t).atStartOfDay(TimeConfiguration.ZONE).toInstant();
			}
			catch (DateTimeParseException notADate) {
				throw Open311Exception.badRequest(name + " 不是有效的 W3C 日期时间（如 2026-11-28T20:15:00+08:00）：" + text);
			}
		}
	}

	/** An ordered map from alternating names and values. */
	static Map<String, Object> fields(Object... namesAndValues) {
		var m = new java.util.LinkedHashMap<String, Object>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			m.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return m;
	}

	// ---- XML ----

	private interface XmlBody {
		void write(XMLStreamWriter w) throws XMLStreamException;
	}

	private static byte[] xml(XmlBody body) {
		var out = new ByteArrayOutputStream();
		try {
			var w = XMLOutputFactory.newInstance().createXMLStreamWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
			w.writeStartDocument("utf-8", "1.0");
			body.write(w);
			w.writeEndDocument();
			w.flush();
			w.close();
		}
		catch (XMLStreamException e) {
			throw new IllegalStateException("cannot write Open311 XML", e);
		}
		return out.toByteArray();
	}

	private static void writeList(XMLStreamWriter w, String name, List<?> items) throws XMLStreamException {
		w.writeStartElement(name);
		String item = ITEM.getOrDefault(name, "item");
		for (Object o : items) {
			w.writeStartElement(item);
			writeValue(w, o);
			w.writeEndElement();
		}
		w.writeEndElement();
	}

	private static void writeFields(XMLStreamWriter w, Map<?, ?> fields) throws XMLStreamException {
		for (var e : fields.entrySet()) {
			String name = (String) e.getKey();
			if (e.getValue() instanceof List<?> list) {
				writeList(w, name, list);
			}
			else {
				w.writeStartElement(name);
				writeValue(w, e.getValue());
				w.writeEndElement();
			}
		}
	}

	private static void writeValue(XMLStreamWriter w, Object value) throws XMLStreamException {
		if (value instanceof Map<?, ?> map) {
			writeFields(w, map);
		}
		else if (value != null) {
			w.writeCharacters(xmlSafe(String.valueOf(value)));
		}
	}

	/** XML 1.0 cannot carry most control characters even escaped; a resident's text may contain them. */
	static String xmlSafe(String s) {
		var sb = new StringBuilder(s.length());
		s.codePoints().forEach(c -> {
			if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
				sb.appendCodePoint(c);
			}
		});
		return sb.toString();
	}
}

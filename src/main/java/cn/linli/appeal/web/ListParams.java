package cn.linli.appeal.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import cn.linli.appeal.AppealKind;
import cn.linli.appeal.AppealStatus;
import cn.linli.appeal.query.AppealQueries;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.FieldErrors;

/**
 * A list's filters as the page's form and the API's query send them (every field optional):
 * compound, category, kind, status, from, to (yyyy-MM-dd), q (keyword).
 */
record ListParams(Long compound, String category, String kind, String status, String from, String to, String q) {

	AppealQueries.Filter filter() {
		var errors = new FieldErrors();
		var k = errors.collect(() -> Choices.parse(AppealKind.class, AppealKind::label, kind, "kind", "诉求类型"));
		var s = errors.collect(() -> Choices.parse(AppealStatus.class, AppealStatus::label, status, "status", "状态"));
		var f = errors.collect(() -> date(from, "from"));
		var t = errors.collect(() -> date(to, "to"));
		errors.throwIfAny();
		return new AppealQueries.Filter(compound, category, k, s, f, t, q);
	}

	private static LocalDate date(String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			var d = LocalDate.parse(value.strip());
			if (d.getYear() < 2000 || d.getYear() > 2100) {
				throw DomainException.invalid(field, "日期超出范围（2000–2100 年）");
			}
			return d;
		}
		catch (DateTimeParseException e) {
			throw DomainException.invalid(field, "日期格式应为 年-月-日，如 2026-12-01");
		}
	}

	/** The query string that reproduces these filters, for paging links and the export buttons. */
	String query() {
		var sb = new StringBuilder();
		append(sb, "compound", compound == null ? null : compound.toString());
		append(sb, "category", category);
		append(sb, "kind", kind);
		append(sb, "status", status);
		append(sb, "from", from);
		append(sb, "to", to);
		append(sb, "q", q);
		return sb.toString();
	}

	private static void append(StringBuilder sb, String name, String value) {
		if (value != null && !value.isBlank()) {
			sb.append(sb.isEmpty() ? "" : "&").append(name).append('=')
				.append(java.net.URLEncoder.encode(value.strip(), java.nio.charset.StandardCharsets.UTF_8));
		}
	}
}

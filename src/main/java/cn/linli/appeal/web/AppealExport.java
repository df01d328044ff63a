package cn.linli.appeal.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import cn.linli.appeal.query.AppealQueries.AppealRow;
import cn.linli.shared.csv.Csv;
import cn.linli.shared.excel.Xlsx;
import cn.linli.shared.time.TimeConfiguration;

/** An appeal list as a spreadsheet, with the columns a supervisor files: the same rows the page shows, every one. */
final class AppealExport {

	static final List<String> HEADER = List.of("编号", "类型", "分类", "紧急程度", "状态", "督办层级", "小区", "位置", "提交时间", "承办单位", "当前时限",
			"是否超时", "居民评价", "重复诉求", "附议人数", "内容摘要");

	private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(TimeConfiguration.ZONE);

	private AppealExport() {
	}

	/** One row's cells, typed: numbers as numbers, times as instants (the spreadsheet shows them in Asia/Shanghai). */
	static List<Object> cells(AppealRow r) {
		return java.util.Arrays.asList(r.id(), r.kind().label(), r.categoryName(), r.urgency().label(), r.status().label(), r.level().label(),
				nz(r.compoundName()), nz(r.buildingName()), r.createdAt(), nz(r.handlerName()), r.dueAt(), r.overdue() ? "是" : "否",
				r.rating() == null ? "" : r.rating().label(), r.repeatOf() == null ? "" : "#" + r.repeatOf(), r.supporters(), nz(r.summary()));
	}

	static void csv(List<AppealRow> rows, OutputStream out) throws IOException {
		try (var printer = Csv.printer(out, HEADER)) {
			for (var r : rows) {
				printer.printRecord(cells(r).stream().map(c -> c instanceof java.time.Instant t ? TIME.format(t) : c == null ? "" : c).toList());
			}
		}
	}

	static void xlsx(List<AppealRow> rows, OutputStream out) throws IOException {
		try (var sheet = Xlsx.sheet(out, "诉求清单", HEADER)) {
			for (var r : rows) {
				sheet.row(cells(r));
			}
		}
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}
}

package cn.linli.analytics.bulletin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import cn.linli.analytics.Ranking;
import cn.linli.shared.excel.Xlsx;

/**
 * A bulletin as PDF (the same Thymeleaf view as the page, rendered by openhtmltopdf with the
 * embedded DejaVu Sans and Droid Sans Fallback fonts, so Chinese and digits show on any reader) and as Excel (one sheet per
 * table, numbers as numbers with their counts beside them, so anyone can recompute a rate).
 */
@Component
public class BulletinDocuments {

	static final String CJK_FONT = "/fonts/DroidSansFallbackFull.ttf";

	/** Latin letters and digits; the CJK font has none. */
	static final String LATIN_FONT = "/fonts/DejaVuSans.ttf";

	private final ITemplateEngine templates;

	BulletinDocuments(ITemplateEngine templates) {
		this.templates = templates;
	}

	public byte[] pdf(Bulletins.Bulletin bulletin) {
		var context = new Context(java.util.Locale.SIMPLIFIED_CHINESE);
		context.setVariable("b", bulletin);
		context.setVariable("f", new Words());
		String html = templates.process("analytics/bulletin-pdf", context);
		var out = new ByteArrayOutputStream();
		try {
			var builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.useFont(() -> BulletinDocuments.class.getResourceAsStream(LATIN_FONT), "DejaVu Sans");
			builder.useFont(() -> BulletinDocuments.class.getResourceAsStream(CJK_FONT), "Droid Sans Fallback");
			builder.withHtmlContent(html, null);
			builder.toStream(out);
			builder.run();
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot render the bulletin PDF", e);
		}
		return out.toByteArray();
	}

	public void xlsx(Bulletins.Bulletin b, OutputStream out) throws IOException {
		String title = b.name() + " " + b.month() + " 月度通报";
		try (var x = Xlsx.sheet(out, "概况", List.of("项目", "月份", "诉求", "响应率", "按时签收", "应签收", "解决率", "解决", "评价", "满意率", "满意",
				"有效投诉"))) {
			for (var c : b.comparisons()) {
				var k = c.counts();
				x.row(c.label(), c.month().toString(), k.appeals(), rate(k.responseRate()), k.acceptedOnTime(), k.acceptDue(), rate(k.resolutionRate()),
						k.solved(), k.rated(), rate(k.satisfactionRate()), k.satisfied(), k.complaints());
			}
			x.row();
			x.row(title, "权重：响应率 " + b.weights().response() + "，解决率 " + b.weights().resolution() + "，满意率 " + b.weights().satisfaction());
			for (var t : b.tables()) {
				x.sheet(t.title(), List.of("名次", "名称", "综合得分", "响应率下限", "按时签收", "应签收", "解决率下限", "解决", "满意率下限", "满意", "评价",
						"诉求", "主要失分"));
				for (var l : t.ranked()) {
					line(x, l, l.rank());
				}
				for (var l : t.tooFew()) {
					line(x, l, null);
				}
			}
			x.sheet("热点", List.of("名称", "单位", "类别", "件数", "阈值", "首次发现"));
			for (var h : b.hotSpots()) {
				x.row(h.name(), h.unit(), h.category(), h.count(), h.threshold(), h.firstSeen());
			}
			x.sheet("话题", List.of("序号", "关键词", "件数", "上月", "环比"));
			for (var t : b.topics().topics()) {
				x.row(t.rank(), String.join("、", t.keywords()), t.size(), t.previousSize(), t.growth() == null ? "新出现" : rate(t.growth()));
			}
		}
	}

	private static void line(Xlsx x, Bulletins.Line l, Integer rank) {
		var k = l.counts();
		x.row(rank == null ? "样本不足" : rank, l.name(), l.score(), l.response().lower(), k.acceptedOnTime(), k.acceptDue(), l.resolution().lower(),
				k.solved(), l.satisfaction().lower(), k.satisfied(), k.rated(), k.appeals(), l.reason());
	}

	private static BigDecimal rate(Double r) {
		return r == null ? null : BigDecimal.valueOf(r).setScale(4, RoundingMode.HALF_UP);
	}

	/** Formatting for the PDF view (which renders outside a request and has no {@code @fmt}). */
	public static final class Words {

		public String pct(Double r) {
			return r == null ? "—" : BigDecimal.valueOf(r * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
		}

		public String pct(BigDecimal r) {
			return r == null ? "—" : r.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
		}

		public String interval(Ranking.Interval i) {
			return i.words();
		}
	}
}

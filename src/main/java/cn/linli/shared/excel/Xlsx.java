package cn.linli.shared.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.linli.shared.csv.Csv;
import cn.linli.shared.time.TimeConfiguration;

/**
 * Excel (.xlsx) exports: a Chinese header row, typed cells (numbers as numbers, times as dates in
 * Asia/Shanghai, yes/no as 是/否) and streaming, so that a list of a million rows keeps only a
 * window of rows in memory (SXSSF spills the rest to a compressed temporary file).
 * <p>
 * A text a spreadsheet would run as a formula ({@link Csv#dangerous}) is written as a text cell
 * marked "quote prefixed" — the .xlsx form of CSV's leading single quote: Excel and LibreOffice
 * show it as text, also after someone edits the cell, and the value stays exactly what was stored.
 *
 * <pre>
 * try (var sheet = Xlsx.sheet(out, "诉求", List.of("编号", "提交时间", "内容"))) {
 *     sheet.row(12L, appeal.createdAt(), appeal.body());
 * }
 * </pre>
 */
public final class Xlsx implements AutoCloseable {

	public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	/** Excel's limit for one cell's text. */
	static final int MAX_TEXT = 32_767;

	/** Rows kept in memory; older ones are flushed to the temporary file. */
	private static final int WINDOW = 200;

	/** Integers beyond 2^53 lose digits as a spreadsheet's double, so they are written as text. */
	private static final long EXACT = 1L << 53;

	private final OutputStream out;
	private final SXSSFWorkbook workbook;
	private SXSSFSheet sheet;
	private final CellStyle dateTime;
	private final CellStyle date;
	private final CellStyle quoted;
	private final CellStyle bold;
	private int columns;
	private int next;

	private Xlsx(OutputStream out, String name, List<String> header) {
		this.out = out;
		this.workbook = new SXSSFWorkbook(WINDOW);
		workbook.setCompressTempFiles(true);
		var format = workbook.getCreationHelper().createDataFormat();
		dateTime = workbook.createCellStyle();
		dateTime.setDataFormat(format.getFormat("yyyy-mm-dd hh:mm"));
		date = workbook.createCellStyle();
		date.setDataFormat(format.getFormat("yyyy-mm-dd"));
		quoted = workbook.createCellStyle();
		quoted.setQuotePrefixed(true);
		bold = workbook.createCellStyle();
		Font font = workbook.createFont();
		font.setBold(true);
		bold.setFont(font);
		start(name, header);
	}

	/** A further sheet of the same workbook, with its header row; rows now go there (for reports of several tables). */
	public Xlsx sheet(String name, List<String> header) {
		if (header.isEmpty()) {
			throw new IllegalArgumentException("a sheet needs a header");
		}
		start(name, header);
		return this;
	}

	private void start(String name, List<String> header) {
		this.sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(name));
		this.columns = header.size();
		this.next = 0;
		Row row = sheet.createRow(next++);
		for (int i = 0; i < header.size(); i++) {
			Cell cell = row.createCell(i);
			text(cell, header.get(i));
			if (!Csv.dangerous(header.get(i))) {
				cell.setCellStyle(bold);
			}
			// a CJK character is about two of Excel's width units; fixed, as a streamed sheet cannot measure its cells
			sheet.setColumnWidth(i, Math.min(60, Math.max(12, header.get(i).length() * 2 + 2)) * 256);
		}
		sheet.createFreezePane(0, 1);
	}

	/** Starts a workbook with one sheet and its header row; {@link #close()} writes it to {@code out} (which stays open). */
	public static Xlsx sheet(OutputStream out, String name, List<String> header) {
		if (header.isEmpty()) {
			throw new IllegalArgumentException("a sheet needs a header");
		}
		return new Xlsx(out, name, header);
	}

	/** One data row, in the header's order; a value's type decides its cell's type. */
	public Xlsx row(Object... values) {
		if (values.length > columns) {
			throw new IllegalArgumentException("row has " + values.length + " cells, the header " + columns);
		}
		Row row = sheet.createRow(next++);
		for (int i = 0; i < values.length; i++) {
			cell(row.createCell(i), values[i]);
		}
		return this;
	}

	public Xlsx row(List<?> values) {
		return row(values.toArray());
	}

	private void cell(Cell cell, Object value) {
		if (value == null) {
			cell.setBlank();
		}
		else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
			cell.setCellValue(((Number) value).intValue());
		}
		else if (value instanceof Long n && Math.abs(n) <= EXACT) {
			cell.setCellValue(n);
		}
		else if (value instanceof BigDecimal n && n.precision() <= 15) {
			cell.setCellValue(n.doubleValue());
		}
		else if (value instanceof BigInteger n && n.abs().compareTo(BigInteger.valueOf(EXACT)) <= 0) {
			cell.setCellValue(n.doubleValue());
		}
		else if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
			cell.setCellValue(((Number) value).doubleValue());
		}
		else if (value instanceof Boolean b) {
			text(cell, b ? "是" : "否");
		}
		else if (value instanceof Instant t) {
			cell.setCellValue(LocalDateTime.ofInstant(t, TimeConfiguration.ZONE));
			cell.setCellStyle(dateTime);
		}
		else if (value instanceof LocalDateTime t) {
			cell.setCellValue(t);
			cell.setCellStyle(dateTime);
		}
		else if (value instanceof LocalDate d) {
			cell.setCellValue(d);
			cell.setCellStyle(date);
		}
		else {
			// long and decimal numbers beyond a double's digits, and everything else, as text
			text(cell, value.toString());
		}
	}

	private void text(Cell cell, String value) {
		String v = value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT - 1) + "…" : value;
		cell.setCellValue(v);
		if (Csv.dangerous(v)) {
			cell.setCellStyle(quoted);
		}
	}

	/** Writes the workbook and removes its temporary file. */
	@Override
	public void close() throws IOException {
		try {
			workbook.write(out);
			out.flush();
		}
		finally {
			workbook.dispose();
			workbook.close();
		}
	}
}

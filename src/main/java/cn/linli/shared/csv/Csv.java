package cn.linli.shared.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import cn.linli.shared.csv.CsvImportRejected.LineError;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.web.input.InputText;

/**
 * CSV as spreadsheet users exchange it: UTF-8 with a BOM (so that Excel shows Chinese), a header
 * row, every bad line reported before anything is written — and no cell a spreadsheet would run
 * as a formula ({@link #defuse}).
 */
public final class Csv {

	public static final int MAX_ROWS = 200_000;

	private Csv() {
	}

	public static Printer printer(OutputStream out, List<String> header) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		return new Printer(new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get()));
	}

	/**
	 * OWASP's rule against CSV injection: a text starting with {@code = + - @}, a tab or a carriage
	 * return is what Excel, LibreOffice and Google Sheets evaluate ({@code =HYPERLINK(…)},
	 * {@code @SUM(…)}, DDE), so it gets a leading single quote, which they show as text. A number
	 * is written as it is — a negative number is not a formula. The Excel writer follows the same rule.
	 */
	public static Object defuse(Object value) {
		if (value == null || value instanceof Number) {
			return value;
		}
		String text = value.toString();
		return dangerous(text) ? "'" + text : text;
	}

	/** Whether a spreadsheet would take this text for a formula. */
	public static boolean dangerous(String text) {
		if (text == null || text.isEmpty()) {
			return false;
		}
		char first = text.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
	}

	/** The inverse of {@link #defuse} for a file this platform exported and a person brings back. */
	static String undefuse(String text) {
		return text.length() > 1 && text.charAt(0) == '\'' && dangerous(text.substring(1)) ? text.substring(1) : text;
	}

	/** A CSV printer that defuses every cell; the only way this platform writes CSV. */
	public static final class Printer implements java.io.Closeable, java.io.Flushable {

		private final CSVPrinter printer;

		private Printer(CSVPrinter printer) {
			this.printer = printer;
		}

		public void printRecord(Object... values) throws IOException {
			var cells = new ArrayList<Object>(values.length);
			for (Object v : values) {
				cells.add(defuse(v));
			}
			printer.printRecord(cells);
		}

		public void printRecord(Iterable<?> values) throws IOException {
			var cells = new ArrayList<Object>();
			for (Object v : values) {
				cells.add(defuse(v));
			}
			printer.printRecord(cells);
		}

		@Override
		public void flush() throws IOException {
			printer.flush();
		}

		@Override
		public void close() throws IOException {
			printer.close();
		}
	}

	/** One data row: cells by position, trimmed, with an export's defusing quote taken off again. */
	public static final class Row {

		private final CSVRecord record;

		private Row(CSVRecord record) {
			this.record = record;
		}

		public String get(int i) {
			return undefuse(record.get(i));
		}

		public int size() {
			return record.size();
		}
	}

	/**
	 * Parses every row; {@code row} throws {@link DomainException} for a bad row, which is recorded
	 * with its line number. Throws {@link CsvImportRejected} when any row (or the header) was bad.
	 */
	public static <T> List<T> read(InputStream in, List<String> header, RowReader<T> row) throws IOException {
		return read(in, header, row, false);
	}

	/** As {@link #read(InputStream, List, RowReader)}; with {@code emptyAllowed} a file of only its header is no error (a vote nobody voted in). */
	public static <T> List<T> read(InputStream in, List<String> header, RowReader<T> row, boolean emptyAllowed) throws IOException {
		var errors = new ArrayList<LineError>();
		var result = new ArrayList<T>();
		var buffered = new BufferedInputStream(in);
		buffered.mark(3);
		byte[] bom = buffered.readNBytes(3);
		if (!(bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF)) {
			buffered.reset();
		}
		try (CSVParser parser = CSVFormat.DEFAULT.builder().setTrim(true).get()
			.parse(new InputStreamReader(buffered, StandardCharsets.UTF_8))) {
			for (CSVRecord record : parser) {
				long line = record.getRecordNumber();
				if (line == 1) {
					if (!record.toList().equals(header)) {
						throw new CsvImportRejected(List.of(new LineError(1, "表头错误：应为 " + String.join(",", header))));
					}
					continue;
				}
				if (line > MAX_ROWS + 1) {
					errors.add(new LineError(line, "超过 " + MAX_ROWS + " 行上限"));
					break;
				}
				if (record.size() != header.size()) {
					errors.add(new LineError(line, "列数错误：应为 " + header.size() + " 列"));
					continue;
				}
				String refused = refusedCell(record);
				if (refused != null) {
					errors.add(new LineError(line, refused));
					continue;
				}
				try {
					result.add(row.read(new Row(record), line));
				}
				catch (DomainException e) {
					errors.add(new LineError(line, e.getMessage()));
				}
			}
		}
		catch (java.io.UncheckedIOException e) {
			errors.add(new LineError(0, "无法读取 CSV：" + e.getMessage()));
		}
		if (result.isEmpty() && errors.isEmpty() && !emptyAllowed) {
			errors.add(new LineError(2, "文件没有数据行"));
		}
		if (!errors.isEmpty()) {
			throw new CsvImportRejected(errors);
		}
		return result;
	}

	/** Cells follow the same rule as every other input ({@link InputText}); a cell is one line. */
	private static String refusedCell(CSVRecord record) {
		for (int i = 0; i < record.size(); i++) {
			var problem = InputText.problem(record.get(i), false);
			if (problem.isPresent()) {
				return "第 " + (i + 1) + " 列" + problem.get();
			}
		}
		return null;
	}

	@FunctionalInterface
	public interface RowReader<T> {
		T read(Row row, long line);
	}

	/** Reports a row error for a value that failed later (e.g. a uniqueness rule) at the given line. */
	public static void rejectLines(List<LineError> errors) {
		if (!errors.isEmpty()) {
			throw new CsvImportRejected(errors);
		}
	}
}

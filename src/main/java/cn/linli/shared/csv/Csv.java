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

	/** A column of a file people fill in: its code (the API's field name), its Chinese heading and what goes in it. */
	public record Column(String key, String label, String hint) {
	}

	/**
	 * The columns of an import. Files are written with the Chinese headings (templates, exports); a
	 * header row of either the headings or the codes is read, so that older files still import.
	 */
	public record Columns(List<Column> columns) {

		public Columns {
			columns = List.copyOf(columns);
		}

		/** Columns from (code, heading, hint) triples. */
		public static Columns of(String... triples) {
			if (triples.length % 3 != 0) {
				throw new IllegalArgumentException("code, heading and hint for every column");
			}
			var list = new ArrayList<Column>();
			for (int i = 0; i < triples.length; i += 3) {
				list.add(new Column(triples[i], triples[i + 1], triples[i + 2]));
			}
			return new Columns(list);
		}

		public List<String> keys() {
			return columns.stream().map(Column::key).toList();
		}

		public List<String> labels() {
			return columns.stream().map(Column::label).toList();
		}

		boolean heads(List<String> header) {
			return header.equals(keys()) || header.equals(labels());
		}
	}

	/** Writes a file with the Chinese headings of its columns. */
	public static Printer printer(OutputStream out, Columns columns) throws IOException {
		return printer(out, columns.labels());
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
			printRecord(java.util.Arrays.asList(values));
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
	}

	/**
	 * Parses every row; {@code row} throws {@link DomainException} for a bad row, which is recorded
	 * with its line number. Throws {@link CsvImportRejected} when any row (or the header) was bad.
	 */
	public static <T> List<T> read(InputStream in, List<String> header, RowReader<T> row) throws IOException {
		return read(in, header, row, false);
	}

	/** As {@link #read(InputStream, List, RowReader)} for a file headed by the columns' headings or codes. */
	public static <T> List<T> read(InputStream in, Columns columns, RowReader<T> row) throws IOException {
		return read(in, columns.columns().size(), columns::heads, String.join(",", columns.labels()), row, false);
	}

	/** As {@link #read(InputStream, List, RowReader)}; with {@code emptyAllowed} a file of only its header is no error (a vote nobody voted in). */
	public static <T> List<T> read(InputStream in, List<String> header, RowReader<T> row, boolean emptyAllowed) throws IOException {
		return read(in, header.size(), header::equals, String.join(",", header), row, emptyAllowed);
	}

	private static <T> List<T> read(InputStream in, int width, java.util.function.Predicate<List<String>> heads, String expected,
			RowReader<T> row, boolean emptyAllowed) throws IOException {
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
					if (!heads.test(record.toList())) {
						throw new CsvImportRejected(List.of(new LineError(1, "表头错误：应为 " + expected + "（可下载模板）")));
					}
					continue;
				}
				if (line > MAX_ROWS + 1) {
					errors.add(new LineError(line, "超过 " + MAX_ROWS + " 行上限"));
					break;
				}
				if (record.size() != width) {
					errors.add(new LineError(line, "列数错误：应为 " + width + " 列"));
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

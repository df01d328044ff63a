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

/**
 * CSV as spreadsheet users exchange it: UTF-8 with a BOM (so that Excel shows Chinese), a header
 * row, and every bad line reported before anything is written.
 */
public final class Csv {

	public static final int MAX_ROWS = 200_000;

	private Csv() {
	}

	public static CSVPrinter printer(OutputStream out, List<String> header) throws IOException {
		out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
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
				try {
					result.add(row.read(record, line));
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

	@FunctionalInterface
	public interface RowReader<T> {
		T read(CSVRecord record, long line);
	}

	/** Reports a row error for a value that failed later (e.g. a uniqueness rule) at the given line. */
	public static void rejectLines(List<LineError> errors) {
		if (!errors.isEmpty()) {
			throw new CsvImportRejected(errors);
		}
	}
}

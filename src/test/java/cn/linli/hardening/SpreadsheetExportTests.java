package cn.linli.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.linli.shared.csv.Csv;
import cn.linli.shared.excel.Xlsx;

/** No exported cell runs as a formula in a spreadsheet (OWASP CSV injection), in CSV and in .xlsx. */
class SpreadsheetExportTests {

	@Test
	void csvCellsStartingWithAFormulaCharacterGetALeadingQuote() throws Exception {
		var out = new ByteArrayOutputStream();
		try (var printer = Csv.printer(out, List.of("名称", "备注"))) {
			printer.printRecord("=HYPERLINK(\"http://x\",\"点我\")", "+1");
			printer.printRecord("-2+3", "@SUM(A1)");
			printer.printRecord("\tTAB", "\rCR");
			printer.printRecord("正常名称", "a=b");
			printer.printRecord(-5, new BigDecimal("-1.50"));
		}
		String text = new String(out.toByteArray(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF名称,备注\r\n");
		var lines = text.substring(1).split("\r\n");
		assertThat(lines[1]).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",'+1");
		assertThat(lines[2]).isEqualTo("'-2+3,'@SUM(A1)");
		// a tab needs no CSV quoting, a carriage return does
		assertThat(lines[3]).isEqualTo("'\tTAB,\"'\rCR\"");
		assertThat(lines[4]).as("only the first character counts").isEqualTo("正常名称,a=b");
		assertThat(lines[5]).as("numbers are numbers, also negative ones").isEqualTo("-5,-1.50");
	}

	@Test
	void aDefusedExportReadsBackAsItsOriginalValues() throws Exception {
		var out = new ByteArrayOutputStream();
		try (var printer = Csv.printer(out, List.of("a", "b"))) {
			printer.printRecord("=1+1", "'普通引号开头");
		}
		var rows = Csv.read(new ByteArrayInputStream(out.toByteArray()), List.of("a", "b"), (row, line) -> List.of(row.get(0), row.get(1)));
		assertThat(rows).containsExactly(List.of("=1+1", "'普通引号开头"));
	}

	@Test
	void csvImportRefusesCellsWithControlCharacters() {
		byte[] file = "a,b\r\n测\u202Egnp.exe名,x\r\n".getBytes(StandardCharsets.UTF_8);
		var refused = org.assertj.core.api.Assertions.catchThrowableOfType(cn.linli.shared.csv.CsvImportRejected.class,
				() -> Csv.read(new ByteArrayInputStream(file), List.of("a", "b"), (row, line) -> row.get(0)));
		assertThat(refused.errors()).singleElement().satisfies(e -> {
			assertThat(e.line()).isEqualTo(2);
			assertThat(e.message()).startsWith("第 1 列含有不允许的字符");
		});
	}

	@Test
	void xlsxHasAChineseHeaderTypedCellsAndFormulaTextMarkedAsText() throws Exception {
		var out = new ByteArrayOutputStream();
		// 2026-03-01T00:30Z is 08:30 in Asia/Shanghai
		var at = Instant.parse("2026-03-01T00:30:00Z");
		try (var sheet = Xlsx.sheet(out, "诉求", List.of("编号", "提交时间", "日期", "内容", "面积", "是否紧急"))) {
			sheet.row(12L, at, LocalDate.of(2026, 3, 1), "=cmd|' /C calc'!A0", new BigDecimal("123.45"), true);
			sheet.row(13, null, null, "楼道灯不亮", -7.5, false);
		}
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			var s = book.getSheet("诉求");
			var header = s.getRow(0);
			assertThat(header.getCell(0).getStringCellValue()).isEqualTo("编号");
			assertThat(header.getCell(5).getStringCellValue()).isEqualTo("是否紧急");
			assertThat(book.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();

			var first = s.getRow(1);
			assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(12.0);
			assertThat(first.getCell(1).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 3, 1, 8, 30));
			assertThat(first.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm");
			assertThat(first.getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 3, 1, 0, 0));
			assertThat(first.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
			assertThat(first.getCell(3).getCellType()).as("never a formula cell").isEqualTo(CellType.STRING);
			assertThat(first.getCell(3).getStringCellValue()).isEqualTo("=cmd|' /C calc'!A0");
			assertThat(first.getCell(3).getCellStyle().getQuotePrefixed()).as("shown as text, also after an edit").isTrue();
			assertThat(first.getCell(4).getNumericCellValue()).isEqualTo(123.45);
			assertThat(first.getCell(5).getStringCellValue()).isEqualTo("是");

			var second = s.getRow(2);
			assertThat(second.getCell(1).getCellType()).isEqualTo(CellType.BLANK);
			assertThat(second.getCell(3).getCellStyle().getQuotePrefixed()).isFalse();
			assertThat(second.getCell(4).getNumericCellValue()).isEqualTo(-7.5);
			assertThat(second.getCell(5).getStringCellValue()).isEqualTo("否");
		}
	}

	@Test
	void xlsxStreamsLargeListsAndKeepsEveryRow() throws Exception {
		var out = new ByteArrayOutputStream();
		int rows = 20_000;
		try (var sheet = Xlsx.sheet(out, "大表", List.of("序号", "说明"))) {
			for (int i = 0; i < rows; i++) {
				sheet.row(i, "第" + i + "行");
			}
		}
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			var s = book.getSheetAt(0);
			assertThat(s.getLastRowNum()).isEqualTo(rows);
			assertThat(s.getRow(rows).getCell(1).getStringCellValue()).isEqualTo("第" + (rows - 1) + "行");
		}
	}

	@Test
	void xlsxWritesLongIntegersThatADoubleCannotHoldAsText() throws Exception {
		var out = new ByteArrayOutputStream();
		try (var sheet = Xlsx.sheet(out, "x", List.of("身份证尾号", "大数"))) {
			sheet.row(9007199254740993L, new BigDecimal("12345678901234567890.5"));
		}
		try (var book = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
			var row = book.getSheetAt(0).getRow(1);
			assertThat(row.getCell(0).getStringCellValue()).isEqualTo("9007199254740993");
			assertThat(row.getCell(1).getStringCellValue()).isEqualTo("12345678901234567890.5");
		}
	}
}

package cn.linli.shared.csv;

import java.util.List;

import org.springframework.http.HttpStatus;

import cn.linli.shared.domain.DomainException;

/** A CSV file refused as a whole, with each bad line; nothing of it was written. */
public class CsvImportRejected extends DomainException {

	private final List<LineError> errors;

	public CsvImportRejected(List<LineError> errors) {
		super(HttpStatus.BAD_REQUEST, "csv-rejected",
				"文件有误，未导入任何数据（共 " + errors.size() + " 处错误，首处：" + errors.get(0) + "）", null);
		this.errors = List.copyOf(errors);
	}

	public List<LineError> errors() {
		return errors;
	}

	public record LineError(long line, String message) {
		@Override
		public String toString() {
			return "第 " + line + " 行：" + message;
		}
	}
}

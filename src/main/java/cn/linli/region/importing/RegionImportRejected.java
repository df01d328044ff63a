package cn.linli.region.importing;

import java.util.List;

import org.springframework.http.HttpStatus;

import cn.linli.shared.domain.DomainException;

/** A file set that was refused as a whole; nothing of it was written. */
public class RegionImportRejected extends DomainException {

	private final List<LineError> errors;

	RegionImportRejected(List<LineError> errors) {
		super(HttpStatus.BAD_REQUEST, "region-import-rejected",
				"区划文件有误，未导入任何数据（共 " + errors.size() + " 处错误，首处：" + errors.get(0) + "）", null);
		this.errors = List.copyOf(errors);
	}

	public List<LineError> errors() {
		return errors;
	}

	/** A problem at a line of a file (line 1 is the header). */
	public record LineError(String file, long line, String message) {

		@Override
		public String toString() {
			return file + " 第 " + line + " 行：" + message;
		}
	}
}

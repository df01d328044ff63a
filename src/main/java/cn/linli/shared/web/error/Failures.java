package cn.linli.shared.web.error;

import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.BindingResult;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.DomainException.FieldError;
import cn.linli.shared.web.ConstraintMessages;
import cn.linli.shared.web.input.JsonText;
import cn.linli.shared.web.input.RequestGuard;

/**
 * What any failure means to the person or program that sent the request: a status, a stable
 * code and a Chinese text that never names a Java class. Pages, the API, the error controller
 * and the request filters all answer from this one table, so a refusal reads the same wherever
 * it was raised.
 */
public final class Failures {

	/** One answer; {@code errors} lists every field at fault. */
	public record Failure(HttpStatus status, String code, String detail, List<FieldError> errors) {

		public boolean serverError() {
			return status.is5xxServerError();
		}
	}

	private Failures() {
	}

	public static Failure of(Throwable e) {
		var tooLarge = RequestGuard.tooLarge(e);
		if (tooLarge != null) {
			return tooLarge;
		}
		if (e instanceof DomainException d) {
			return new Failure(d.status(), d.code(), d.getMessage(), d.fieldErrors());
		}
		if (e instanceof MethodArgumentTypeMismatchException m) {
			return invalid(m.getName(), "参数 " + m.getName() + " 的格式不正确");
		}
		if (e instanceof TypeMismatchException m) {
			String name = m.getPropertyName() == null ? "参数" : m.getPropertyName();
			return invalid(name, "参数 " + name + " 的格式不正确");
		}
		if (e instanceof MissingServletRequestParameterException m) {
			return invalid(m.getParameterName(), "缺少参数 " + m.getParameterName());
		}
		if (e instanceof MissingServletRequestPartException m) {
			return invalid(m.getRequestPartName(), "缺少上传内容 " + m.getRequestPartName());
		}
		if (e instanceof MissingRequestHeaderException m) {
			return bad("missing-header", "缺少请求头 " + m.getHeaderName());
		}
		if (e instanceof MissingPathVariableException m) {
			return bad("unreadable", "地址中缺少 " + m.getVariableName());
		}
		if (e instanceof ServletRequestBindingException) {
			return bad("unreadable", "请求参数不完整或格式不正确");
		}
		if (e instanceof BindException b) {
			return bound(b.getBindingResult());
		}
		if (e instanceof HandlerMethodValidationException) {
			return bad("invalid", "请求参数不符合要求");
		}
		if (e instanceof HttpMessageNotReadableException m) {
			return unreadable(m);
		}
		if (e instanceof MaxUploadSizeExceededException) {
			return tooLarge();
		}
		if (e instanceof MultipartException m) {
			return bad("malformed-multipart", "上传内容格式错误，请重新选择文件后提交");
		}
		if (e instanceof HttpRequestMethodNotSupportedException m) {
			return new Failure(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "不支持该请求方式：" + m.getMethod(), List.of());
		}
		if (e instanceof HttpMediaTypeNotSupportedException) {
			return new Failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "不支持该内容类型", List.of());
		}
		if (e instanceof HttpMediaTypeNotAcceptableException) {
			return new Failure(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "无法以所要求的格式返回", List.of());
		}
		if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
			return notFound();
		}
		if (e instanceof OptimisticLockingFailureException) {
			return new Failure(HttpStatus.CONFLICT, "stale-version", "数据已被他人修改，请刷新后重试", List.of());
		}
		if (e instanceof DataIntegrityViolationException d) {
			if (sqlState(d).startsWith("22")) {
				// class 22 is PostgreSQL's "data exception": a number, date or text out of the column's range
				return bad("out-of-range", "数值、日期或文字超出允许的范围");
			}
			return new Failure(HttpStatus.CONFLICT, "conflict", "数据冲突：" + ConstraintMessages.explain(d), List.of());
		}
		if (e instanceof AccessDeniedException) {
			return new Failure(HttpStatus.FORBIDDEN, "forbidden", "无权访问", List.of());
		}
		if (e instanceof DateTimeException || e instanceof ArithmeticException) {
			// a date or number the person typed that java.time or exact arithmetic cannot represent
			return bad("out-of-range", "数值或日期超出允许的范围");
		}
		if (e instanceof ErrorResponse spring) {
			return ofStatus(spring.getStatusCode());
		}
		return new Failure(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "服务器内部错误，请稍后重试；如持续出现请联系平台管理员", List.of());
	}

	/** The answer to a bare status, as Tomcat or a filter reports it without an exception. */
	public static Failure ofStatus(HttpStatusCode code) {
		HttpStatus status = HttpStatus.resolve(code.value());
		if (status == null) {
			status = code.is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return switch (status) {
			case BAD_REQUEST -> bad("bad-request", "请求有误：地址或参数的格式不正确");
			case UNAUTHORIZED -> new Failure(status, "unauthorized", "未登录或登录已失效", List.of());
			case FORBIDDEN -> new Failure(status, "forbidden", "您无权访问该页面或执行该操作", List.of());
			case NOT_FOUND -> notFound();
			case METHOD_NOT_ALLOWED -> new Failure(status, "method-not-allowed", "不支持该请求方式", List.of());
			case NOT_ACCEPTABLE -> new Failure(status, "not-acceptable", "无法以所要求的格式返回", List.of());
			case CONTENT_TOO_LARGE -> tooLarge();
			case UNSUPPORTED_MEDIA_TYPE -> new Failure(status, "unsupported-media-type", "不支持该内容类型", List.of());
			case LENGTH_REQUIRED -> new Failure(status, "length-required", "上传须声明内容长度", List.of());
			case URI_TOO_LONG, REQUEST_HEADER_FIELDS_TOO_LARGE -> new Failure(status, "too-long", "请求地址或请求头过长", List.of());
			case TOO_MANY_REQUESTS -> new Failure(status, "too-many-requests", "请求过于频繁，请稍后再试", List.of());
			case SERVICE_UNAVAILABLE -> new Failure(status, "unavailable", "服务暂不可用，请稍后重试", List.of());
			default -> code.is4xxClientError() ? new Failure(status, "request-refused", "请求无法处理", List.of())
					: new Failure(status, "internal", "服务器内部错误，请稍后重试；如持续出现请联系平台管理员", List.of());
		};
	}

	/** The short heading of an error page. */
	public static String title(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "请求有误";
			case UNAUTHORIZED -> "请先登录";
			case FORBIDDEN -> "无权访问";
			case NOT_FOUND -> "未找到";
			case METHOD_NOT_ALLOWED -> "不支持的操作";
			case CONFLICT -> "操作未完成";
			case CONTENT_TOO_LARGE -> "上传内容过大";
			case TOO_MANY_REQUESTS -> "请稍后再试";
			default -> status.is5xxServerError() ? "服务器出错了" : "请求未能完成";
		};
	}

	public static Failure invalid(String field, String message) {
		return new Failure(HttpStatus.BAD_REQUEST, "invalid", message, List.of(new FieldError(field, message)));
	}

	private static Failure bad(String code, String detail) {
		return new Failure(HttpStatus.BAD_REQUEST, code, detail, List.of());
	}

	private static Failure notFound() {
		return new Failure(HttpStatus.NOT_FOUND, "not-found", "请求的页面或资源不存在", List.of());
	}

	private static Failure tooLarge() {
		return new Failure(HttpStatus.CONTENT_TOO_LARGE, "too-large", "上传内容过大", List.of());
	}

	private static Failure bound(BindingResult result) {
		var errors = new ArrayList<FieldError>();
		result.getFieldErrors().forEach(f -> errors.add(new FieldError(f.getField(),
				f.isBindingFailure() ? "字段 " + f.getField() + " 的格式不正确" : String.valueOf(f.getDefaultMessage()))));
		if (errors.isEmpty()) {
			return bad("invalid", "请求数据有误");
		}
		return new Failure(HttpStatus.BAD_REQUEST, "invalid", errors.get(0).message(), List.copyOf(errors));
	}

	private static Failure unreadable(HttpMessageNotReadableException e) {
		for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
			if (t instanceof JsonText.RefusedText refused) {
				return invalid(refused.field(), "字段 " + refused.field() + " " + refused.reason());
			}
			if (t instanceof InvalidNullException n) {
				String field = path(n);
				return invalid(field, "字段 " + field + " 中不能有空值（null）");
			}
			if (t instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
				String field = path(m);
				return invalid(field, "字段 " + field + " 的类型或格式不正确");
			}
			if (t instanceof DatabindException d && !d.getPath().isEmpty()) {
				String field = path(d);
				return invalid(field, "字段 " + field + " 的值不正确或超出范围");
			}
			if (t instanceof JacksonException) {
				return bad("unreadable", "请求体不是有效的 JSON");
			}
		}
		return bad("unreadable", "缺少请求体，或请求体无法解析");
	}

	private static String path(DatabindException e) {
		var sb = new StringBuilder();
		for (var ref : e.getPath()) {
			if (ref.getPropertyName() != null) {
				if (!sb.isEmpty()) {
					sb.append('.');
				}
				sb.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				sb.append('[').append(ref.getIndex()).append(']');
			}
		}
		return sb.isEmpty() ? "请求体" : sb.toString();
	}

	private static String sqlState(Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof SQLException s && s.getSQLState() != null) {
				return s.getSQLState();
			}
		}
		return "";
	}
}

package cn.linli.identity.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.identity.domain.UserRepository;
import cn.linli.shared.domain.DomainException;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "API 令牌")
class AuthRestController {

	private final AuthenticationManager authentication;
	private final UserRepository users;
	private final ApiTokens tokens;

	AuthRestController(AuthenticationManager authentication, UserRepository users, ApiTokens tokens) {
		this.authentication = authentication;
		this.users = users;
		this.tokens = tokens;
	}

	record TokenRequest(@NotBlank(message = "用户名必填") String username, @NotBlank(message = "密码必填") String password) {
	}

	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
			@JsonProperty("expires_in") long expiresIn) {
	}

	@PostMapping("/token")
	@Operation(summary = "用户名和密码换取 Bearer 令牌")
	TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		try {
			var attempt = UsernamePasswordAuthenticationToken.unauthenticated(request.username(), request.password());
			// the client's address, for throttling per username and address (Accounts)
			attempt.setDetails(new WebAuthenticationDetails(http.getRemoteAddr(), null));
			var auth = authentication.authenticate(attempt);
			var user = users.findByUsername(auth.getName()).orElseThrow();
			var issued = tokens.issue(user.id());
			return new TokenResponse(issued.token(), "Bearer", issued.lifetime().toSeconds());
		}
		catch (LockedException e) {
			throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "locked", "登录失败次数过多，请 15 分钟后再试", null);
		}
		catch (DisabledException e) {
			throw new DomainException(HttpStatus.FORBIDDEN, "disabled", "该账号已停用，请联系平台管理员", null);
		}
		catch (AuthenticationException e) {
			throw new DomainException(HttpStatus.UNAUTHORIZED, "bad-credentials", "用户名或密码错误", null);
		}
	}

	@PostMapping("/revoke")
	@Operation(summary = "吊销当前令牌")
	ResponseEntity<Void> revoke(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		tokens.revoke(header.substring(7).trim());
		return ResponseEntity.noContent().build();
	}
}

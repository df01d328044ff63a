package cn.linli.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The API description: every call but the token request takes a bearer token. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI linliOpenApi() {
		return new OpenAPI()
			.info(new Info().title("邻里 Linli API").version("v1")
				.description("智慧物业综合服务平台。令牌：POST /api/v1/auth/token；错误为 RFC 9457 problem details；"
						+ "POST 可带 Idempotency-Key；修改须带 version（乐观锁）。"))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}
}

package cn.linli.appeal.open311;

import java.net.URI;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.shared.security.CurrentActor;

@RestController
@RequestMapping("/api/v1/open311-clients")
@Tag(name = "open311-clients", description = "Open311 客户端密钥（市住建局签发、吊销）")
class Open311ClientRestController {

	private final Open311Clients clients;

	Open311ClientRestController(Open311Clients clients) {
		this.clients = clients;
	}

	record IssueRequest(String name) {
	}

	@PostMapping
	@Operation(summary = "签发密钥；明文密钥只在此响应中出现一次，平台只保存其 SHA-256")
	ResponseEntity<Open311Clients.IssuedKey> issue(@RequestBody(required = false) IssueRequest request) {
		var issued = clients.issue(CurrentActor.get(), request == null ? null : request.name());
		return ResponseEntity.created(URI.create("/api/v1/open311-clients/" + issued.id())).cacheControl(CacheControl.noStore()).body(issued);
	}

	@PostMapping("/{id}/revoke")
	@Operation(summary = "吊销密钥；之后用它提交的请求返回 403")
	ResponseEntity<Void> revoke(@PathVariable long id) {
		clients.revoke(CurrentActor.get(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping
	@Operation(summary = "全部客户端（含已吊销），只显示密钥尾号")
	List<Open311Clients.Client> list() {
		return clients.list(CurrentActor.get());
	}
}

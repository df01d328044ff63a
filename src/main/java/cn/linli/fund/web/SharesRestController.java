package cn.linli.fund.web;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import cn.linli.shared.domain.DomainException;
import cn.linli.shared.domain.Shares;
import cn.linli.shared.web.Whole;

/**
 * The split the platform uses for every cost, interest and income among houses, open to anyone who
 * wants to check a posted settlement: the same inputs give the same fen.
 */
@RestController
@RequestMapping("/api/v1/fund")
@Tag(name = "fund", description = "专项维修资金：分户账、分摊、计息")
class SharesRestController {

	/** What the split is in proportion to: exclusive area (1/100 m²) for costs, balance (fen) for interest and income. */
	enum Basis {
		AREA, BALANCE
	}

	record HouseBase(String id, BigDecimal base) {
	}

	record SharesRequest(BigDecimal amount, String basis, List<HouseBase> houses) {
	}

	record HouseShare(String id, long share) {
	}

	/** At most this many houses in one request: the largest compounds have about 20,000. */
	static final int MAX_HOUSES = 100_000;

	@PostMapping("/shares")
	@Operation(summary = "按面积或余额分摊一笔金额（分），精确到分，余数按最大余额法分配",
			description = "amount: 金额（分）；basis: AREA（专有面积，单位 0.01 m²）或 BALANCE（余额，分）；houses: 每户的编号与基数。")
	List<HouseShare> shares(@RequestBody SharesRequest request) {
		Long amount = Whole.of(request.amount(), "amount", "分摊金额");
		if (amount == null) {
			throw DomainException.invalid("amount", "请填写分摊金额（分）");
		}
		if (request.basis() == null) {
			throw DomainException.invalid("basis", "请选择分摊依据：AREA（面积）或 BALANCE（余额）");
		}
		try {
			Basis.valueOf(request.basis());
		}
		catch (IllegalArgumentException e) {
			throw DomainException.invalid("basis", "分摊依据只能是 AREA（面积）或 BALANCE（余额）");
		}
		if (request.houses() == null || request.houses().isEmpty()) {
			throw DomainException.invalid("houses", "至少需要一户参与分摊");
		}
		if (request.houses().size() > MAX_HOUSES) {
			throw DomainException.invalid("houses", "一次最多分摊 " + MAX_HOUSES + " 户");
		}
		var parties = request.houses().stream().map(h -> {
			if (h == null || h.base() == null) {
				throw DomainException.invalid("houses", "每一户都须有编号和分摊基数");
			}
			return new Shares.Party(h.id(), Whole.of(h.base(), "base", "分摊基数"));
		}).toList();
		return Shares.split(amount, parties).stream().map(s -> new HouseShare(s.id(), s.share())).toList();
	}
}

package cn.linli.fee.billing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.linli.fee.FeeAccess;
import cn.linli.fee.FeeChanged;
import cn.linli.registry.RegistryDirectory;
import cn.linli.shared.domain.DomainException;
import cn.linli.shared.security.Actor;
import cn.linli.shared.time.TimeConfiguration;
import cn.linli.shared.domain.Money;

/**
 * 收费: the company records a payment of a bill (cash with the receipt book's number, a transfer
 * with the bank's reference) and gives a receipt; a resident pays online through the
 * {@link PaymentGateway}, whose confirmed notification records the payment the same way. One
 * reference is one payment however often it is sent; a bill is never paid beyond its amount.
 */
@Service
@Transactional
public class RecordingPayments {

	public record Receipt(long paymentId, String receiptNo, long billId, long amountFen, long paidFen, long billFen) {
	}

	record Bill(long id, long compoundId, long houseId, long amountFen, long paidFen) {
	}

	private final JdbcClient jdbc;
	private final RegistryDirectory directory;
	private final PaymentGateway gateway;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	RecordingPayments(JdbcClient jdbc, RegistryDirectory directory, PaymentGateway gateway, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.gateway = gateway;
		this.events = events;
		this.clock = clock;
	}

	public Receipt record(Actor actor, long billId, Long amountFen, String method, String reference) {
		// the caller's right first, then the lock: an outsider neither waits on nor learns of another compound's bill
		var c = directory.compoundFacts(compoundOf(billId)).filter(f -> FeeAccess.maySee(actor.scope(), f)).orElseThrow(() -> DomainException.notFound("账单"));
		if (!FeeAccess.mayKeep(actor.scope(), c)) {
			throw DomainException.forbidden("缴费由物业服务中心登记，或由业主在线缴纳");
		}
		if (!"CASH".equals(method) && !"TRANSFER".equals(method)) {
			throw DomainException.invalid("method", "登记的缴费方式只能是现金或转账");
		}
		return pay(bill(billId), amountFen, method, reference, actor.displayName());
	}

	/** A resident starts paying its own bill online. */
	public PaymentGateway.Checkout startOnline(Actor actor, long billId) {
		var house = jdbc.sql("select house_id from fee_bill where id = :id").param("id", billId).query(Long.class).optional();
		if (house.isEmpty() || !actor.scope().houseIds().contains(house.get())) {
			throw DomainException.notFound("账单");
		}
		var bill = bill(billId);
		if (bill.paidFen() >= bill.amountFen()) {
			throw DomainException.conflict("bill-paid", "该账单已缴清");
		}
		return gateway.start(billId, bill.amountFen() - bill.paidFen(), "物业费账单 " + billId);
	}

	/** The gateway's notification: recorded once when genuine; answers whether it was. */
	public boolean confirmOnline(Map<String, String> notification) {
		var confirmed = gateway.verify(notification);
		if (confirmed.isEmpty()) {
			return false;
		}
		var c = confirmed.get();
		var bill = bill(c.billId());
		var earlier = jdbc.sql("select bill_id, amount_fen from fee_payment where compound_id = :c and reference = :r").param("c", bill.compoundId())
			.param("r", c.reference()).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).optional();
		if (earlier.isPresent()) {
			// the same notification again is already recorded; the reference on another bill is not this payment
			boolean same = earlier.get()[0] == c.billId() && earlier.get()[1] == c.amountFen();
			if (!same) {
				org.slf4j.LoggerFactory.getLogger(RecordingPayments.class).warn("online payment {} for bill {} clashes with a payment already recorded under its reference",
						c.reference(), c.billId());
			}
			return same;
		}
		pay(bill, c.amountFen(), "ONLINE", c.reference(), "在线支付");
		return true;
	}

	private Receipt pay(Bill bill, Long amountFen, String method, String reference, String by) {
		if (reference == null || reference.isBlank() || reference.strip().length() > 100) {
			throw DomainException.invalid("reference", "请填写收据号或转账流水号（不超过100字）");
		}
		long owed = bill.amountFen() - bill.paidFen();
		if (amountFen == null || amountFen <= 0 || amountFen > owed) {
			throw DomainException.invalid("amount", "缴费金额应大于 0，且不超过未缴的 " + Money.yuan(owed) + " 元");
		}
		var now = clock.instant();
		String receipt = "SJ" + now.atZone(TimeConfiguration.ZONE).getYear()
				+ String.format("%08d", jdbc.sql("select nextval('fee_receipt_seq')").query(Long.class).single());
		long id;
		try {
			id = jdbc.sql("""
					insert into fee_payment (compound_id, bill_id, amount_fen, method, reference, receipt_no, paid_at, recorded_by)
					values (:c, :b, :a, :m, :r, :no, :at, :by) returning id""")
				.param("c", bill.compoundId()).param("b", bill.id()).param("a", amountFen).param("m", method).param("r", reference.strip()).param("no", receipt)
				.param("at", Timestamp.from(now)).param("by", by).query(Long.class).single();
		}
		catch (DuplicateKeyException e) {
			throw DomainException.conflict("fee-payment-recorded", "流水号 " + reference.strip() + " 已登记，同一笔缴费不会重复入账");
		}
		jdbc.sql("update fee_bill set paid_fen = paid_fen + :a, version = version + 1 where id = :b").param("a", amountFen).param("b", bill.id()).update();
		events.publishEvent(FeeChanged.of("paid", "fee_bill", bill.id(), bill.compoundId(),
				"缴费 " + Money.yuan(amountFen) + " 元（" + Map.of("CASH", "现金", "TRANSFER", "转账", "ONLINE", "在线").get(method) + "），收据 " + receipt));
		return new Receipt(id, receipt, bill.id(), amountFen, bill.paidFen() + amountFen, bill.amountFen());
	}

	private long compoundOf(long billId) {
		return jdbc.sql("select compound_id from fee_bill where id = :id").param("id", billId).query(Long.class).optional()
			.orElseThrow(() -> DomainException.notFound("账单"));
	}

	/** The bill, locked: two payments of one bill are recorded one after the other. */
	private Bill bill(long billId) {
		return jdbc.sql("select id, compound_id, house_id, amount_fen, paid_fen from fee_bill where id = :id for update").param("id", billId)
			.query((rs, n) -> new Bill(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5))).optional()
			.orElseThrow(() -> DomainException.notFound("账单"));
	}
}

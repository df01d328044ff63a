package cn.linli.shared.web.input;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client's address, scheme and host as the platform records and uses them (audit trail,
 * limits per address on one-time codes and logins, absolute redirects). {@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host} and {@code -Port} count only when the connection comes from a
 * proxy the operator named in {@code linli.proxy.trusted} (addresses or CIDR ranges; none by
 * default) — otherwise anyone could claim any address, since every client can send the headers.
 * The client is the right-most address in {@code X-Forwarded-For} that is not itself a trusted
 * proxy: what the first trusted proxy saw, whatever the client wrote to the left of it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class TrustedProxies extends OncePerRequestFilter {

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

	private final List<Range> trusted;

	public TrustedProxies(@Value("${linli.proxy.trusted:}") List<String> trusted) {
		var ranges = new ArrayList<Range>();
		for (String t : trusted) {
			if (!t.isBlank()) {
				ranges.add(Range.parse(t.strip()));
			}
		}
		this.trusted = List.copyOf(ranges);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(trusts(request.getRemoteAddr()) ? new Forwarded(request) : request, response);
	}

	boolean trusts(String address) {
		if (trusted.isEmpty()) {
			return false; // the default: no proxy named, nothing to parse on each request
		}
		byte[] bytes = literal(address);
		return bytes != null && trusted.stream().anyMatch(r -> r.contains(bytes));
	}

	/** The client behind the trusted proxies, or the connection's address when the header names none. */
	String client(String connection, String forwardedFor) {
		if (forwardedFor == null || forwardedFor.isBlank()) {
			return connection;
		}
		String[] hops = forwardedFor.split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].strip();
			if (literal(hop) == null) {
				// not an address: whatever is left of it is the client's own claim
				return connection;
			}
			if (!trusts(hop) || i == 0) {
				return hop;
			}
		}
		return connection;
	}

	/** An IP literal as bytes; never a DNS lookup. */
	static byte[] literal(String s) {
		if (s == null) {
			return null;
		}
		var v4 = IPV4.matcher(s);
		if (v4.matches()) {
			byte[] b = new byte[4];
			for (int i = 0; i < 4; i++) {
				int octet = Integer.parseInt(v4.group(i + 1));
				if (octet > 255) {
					return null;
				}
				b[i] = (byte) octet;
			}
			return b;
		}
		String v6 = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
		if (v6.contains(":") && IPV6.matcher(v6).matches()) {
			try {
				// only hex digits, colons and dots reach this, which InetAddress parses without a lookup
				byte[] b = java.net.InetAddress.getByName(v6).getAddress();
				return b;
			}
			catch (java.net.UnknownHostException e) {
				return null;
			}
		}
		return null;
	}

	/** An address or a CIDR range. */
	record Range(byte[] network, int prefix) {

		static Range parse(String text) {
			int slash = text.indexOf('/');
			byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("linli.proxy.trusted: not an IP address or CIDR range: " + text);
			}
			int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
			if (prefix < 0 || prefix > address.length * 8) {
				throw new IllegalArgumentException("linli.proxy.trusted: bad prefix length in " + text);
			}
			return new Range(address, prefix);
		}

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int full = prefix / 8;
			for (int i = 0; i < full; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int rest = prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (address[full] & mask) == (network[full] & mask);
		}
	}

	/** The request as the trusted proxy received it from the client. */
	private final class Forwarded extends HttpServletRequestWrapper {

		private final String address;
		private final String scheme;
		private final String host;
		private final int port;

		Forwarded(HttpServletRequest request) {
			super(request);
			this.address = client(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
			String proto = first(request.getHeader("X-Forwarded-Proto"));
			this.scheme = "https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto) ? proto.toLowerCase(Locale.ROOT) : request.getScheme();
			String forwardedHost = first(request.getHeader("X-Forwarded-Host"));
			String h = request.getServerName();
			int p = proto != null && !scheme.equals(request.getScheme()) ? ("https".equals(scheme) ? 443 : 80) : request.getServerPort();
			if (forwardedHost != null && forwardedHost.matches("[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?")) {
				int colon = forwardedHost.indexOf(':');
				h = colon < 0 ? forwardedHost : forwardedHost.substring(0, colon);
				p = colon < 0 ? ("https".equals(scheme) ? 443 : 80) : Integer.parseInt(forwardedHost.substring(colon + 1));
			}
			String forwardedPort = first(request.getHeader("X-Forwarded-Port"));
			if (forwardedPort != null && forwardedPort.matches("\\d{1,5}") && Integer.parseInt(forwardedPort) <= 65535) {
				p = Integer.parseInt(forwardedPort);
			}
			this.host = h;
			this.port = p;
		}

		private static String first(String header) {
			if (header == null || header.isBlank()) {
				return null;
			}
			int comma = header.indexOf(',');
			return (comma < 0 ? header : header.substring(0, comma)).strip();
		}

		@Override
		public String getRemoteAddr() {
			return address;
		}

		@Override
		public String getRemoteHost() {
			return address;
		}

		@Override
		public String getScheme() {
			return scheme;
		}

		@Override
		public boolean isSecure() {
			return "https".equals(scheme);
		}

		@Override
		public String getServerName() {
			return host;
		}

		@Override
		public int getServerPort() {
			return port;
		}

		@Override
		public StringBuffer getRequestURL() {
			var url = new StringBuffer(scheme).append("://").append(host);
			if (!(("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80))) {
				url.append(':').append(port);
			}
			return url.append(getRequestURI());
		}
	}
}

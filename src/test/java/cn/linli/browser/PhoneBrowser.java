package cn.linli.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/** Debian's Chromium driven by Playwright, with phone-sized pages; screenshots go to {@code target/screenshots}. */
public final class PhoneBrowser implements AutoCloseable {

	public static final Path SHOTS = Paths.get("target", "screenshots");

	private final Playwright playwright;
	private final Browser browser;
	private final int port;

	public PhoneBrowser(int port) throws java.io.IOException {
		this.port = port;
		Files.createDirectories(SHOTS);
		playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get("/usr/bin/chromium"))
			.setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync")));
	}

	public Page phone() {
		var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 812).setDeviceScaleFactor(2)
			.setIsMobile(true).setHasTouch(true).setLocale("zh-CN"));
		return context.newPage();
	}

	/** A desktop or wall screen of the given size (the command centre's 1920×1080). */
	public Page screen(int width, int height) {
		return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setLocale("zh-CN")).newPage();
	}

	public String url(String path) {
		return "http://localhost:" + port + path;
	}

	public Page login(String username, String password) {
		var page = phone();
		page.navigate(url("/login"));
		page.fill("input[name=username]", username);
		page.fill("input[name=password]", password);
		page.click("button[type=submit]");
		page.waitForLoadState();
		return page;
	}

	public static void shot(Page page, String name) {
		page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)).setFullPage(true));
	}

	@Override
	public void close() {
		browser.close();
		playwright.close();
	}
}

package app.pieces.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * Draws the hydration chart (time vs N, both strategies, log-log axes) with plain Java2D.
 */
final class HydrationChart {

	private static final int WIDTH = 900;

	private static final int HEIGHT = 560;

	private static final int LEFT = 90;

	private static final int RIGHT = 40;

	private static final int TOP = 60;

	private static final int BOTTOM = 70;

	private HydrationChart() {
	}

	static void write(List<HydrationBenchmark.Result> results, Path file) throws IOException {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, HEIGHT);
			double minN = results.stream().mapToInt(HydrationBenchmark.Result::assets).min().orElse(1);
			double maxN = results.stream().mapToInt(HydrationBenchmark.Result::assets).max().orElse(10);
			double minT = Double.MAX_VALUE;
			double maxT = 0;
			for (HydrationBenchmark.Result result : results) {
				minT = Math.min(minT, result.ours() / 1e9);
				maxT = Math.max(maxT, Math.max(result.ours(), result.baseline()) / 1e9);
			}
			double xLo = Math.log10(minN) - 0.1;
			double xHi = Math.log10(maxN) + 0.1;
			double yLo = Math.floor(Math.log10(minT));
			double yHi = Math.ceil(Math.log10(maxT));
			if (yHi <= yLo) {
				yHi = yLo + 1;
			}
			int plotW = WIDTH - LEFT - RIGHT;
			int plotH = HEIGHT - TOP - BOTTOM;
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
			g.setColor(Color.BLACK);
			g.drawString("Cold asset cache hydration, 2 ms REST latency (log-log)", LEFT, 30);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
			// grid and axes
			g.setColor(new Color(225, 225, 225));
			for (double decade = yLo; decade <= yHi; decade++) {
				int y = TOP + plotH - (int) ((decade - yLo) / (yHi - yLo) * plotH);
				g.drawLine(LEFT, y, LEFT + plotW, y);
			}
			g.setColor(Color.BLACK);
			g.drawRect(LEFT, TOP, plotW, plotH);
			for (double decade = yLo; decade <= yHi; decade++) {
				int y = TOP + plotH - (int) ((decade - yLo) / (yHi - yLo) * plotH);
				String label = String.format(Locale.ROOT, "%s s", formatSeconds(Math.pow(10, decade)));
				g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 5);
			}
			for (HydrationBenchmark.Result result : results) {
				int x = LEFT + (int) ((Math.log10(result.assets()) - xLo) / (xHi - xLo) * plotW);
				String label = String.format(Locale.ROOT, "%,d", result.assets());
				g.drawLine(x, TOP + plotH, x, TOP + plotH + 5);
				g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, TOP + plotH + 22);
			}
			g.drawString("assets (N)", LEFT + plotW / 2 - 30, HEIGHT - 20);
			drawSeries(g, results, true, new Color(0, 114, 178), xLo, xHi, yLo, yHi, plotW, plotH);
			drawSeries(g, results, false, new Color(213, 94, 0), xLo, xHi, yLo, yHi, plotW, plotH);
			legend(g, new Color(0, 114, 178), "our client (8 concurrent fetches)", 0);
			legend(g, new Color(213, 94, 0), "sequential baseline (one fetch at a time)", 1);
		}
		finally {
			g.dispose();
		}
		ImageIO.write(image, "png", file.toFile());
	}

	private static String formatSeconds(double seconds) {
		return (seconds >= 1) ? String.format(Locale.ROOT, "%.0f", seconds)
				: String.format(Locale.ROOT, "%s", Double.toString(seconds));
	}

	private static void drawSeries(Graphics2D g, List<HydrationBenchmark.Result> results, boolean ours, Color color,
			double xLo, double xHi, double yLo, double yHi, int plotW, int plotH) {
		g.setColor(color);
		g.setStroke(new BasicStroke(2.5f));
		int previousX = -1;
		int previousY = -1;
		for (HydrationBenchmark.Result result : results) {
			long nanos = ours ? result.ours() : result.baseline();
			if (nanos <= 0) {
				continue;
			}
			int x = LEFT + (int) ((Math.log10(result.assets()) - xLo) / (xHi - xLo) * plotW);
			int y = TOP + plotH - (int) ((Math.log10(nanos / 1e9) - yLo) / (yHi - yLo) * plotH);
			g.fillOval(x - 5, y - 5, 10, 10);
			String label = Stats.seconds(nanos);
			g.drawString(label, x + 8, y + (ours ? 18 : -8));
			if (previousX >= 0) {
				g.drawLine(previousX, previousY, x, y);
			}
			previousX = x;
			previousY = y;
		}
		g.setStroke(new BasicStroke(1f));
	}

	private static void legend(Graphics2D g, Color color, String label, int row) {
		int y = TOP + 20 + row * 20;
		g.setColor(color);
		g.fillRect(LEFT + 15, y - 10, 14, 10);
		g.setColor(Color.BLACK);
		g.drawString(label, LEFT + 36, y);
	}

}

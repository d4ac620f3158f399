package coop.izek.system.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartsTest {

    @Test
    void shouldDrawEachBarInProportionToTheLargestFigureOrGoalOfItsPanel() throws Exception {
        var svg = parse(Charts.svg("t", List.of(
                new Charts.Panel("rush", List.of(Charts.Bar.atLeast("gateway", 250.0, "/s", 1000.0), Charts.Bar.of("direct", 500.0, "/s"))),
                new Charts.Panel("memory", List.of(Charts.Bar.of("idle", 1800.0, " MiB"), Charts.Bar.of("peak", 2400.0, " MiB"))))));

        var bars = elements(svg, "rect", "bar");
        assertThat(bars).hasSize(4);
        // The rush panel's scale reaches its goal (1,000), the memory panel's its largest figure.
        assertThat(width(bars.get(0)) / width(bars.get(1))).isCloseTo(0.5, within(0.01));
        assertThat(width(bars.get(1)) / width(bars.get(3))).isCloseTo(0.5, within(0.01));
        assertThat(width(bars.get(2)) / width(bars.get(3))).isCloseTo(0.75, within(0.01));
        var goal = elements(svg, "line", "goal").getFirst();
        assertThat(Double.parseDouble(goal.getAttribute("x1")) - Double.parseDouble(bars.get(0).getAttribute("x")))
                .isCloseTo(width(bars.get(0)) * 4, within(0.5));
    }

    @Test
    void shouldSayInWordsWhetherEachFigureMeetsItsGoal() throws Exception {
        var svg = Charts.svg("t", List.of(new Charts.Panel("p", List.of(
                Charts.Bar.atLeast("rush", 171.0, "/s", 1000.0),
                Charts.Bar.atMost("restart", 24.0, " s", 30.0),
                Charts.Bar.atMost("memory", 1800.0, " MiB", 1536.0),
                Charts.Bar.of("share", 0.431, ""),
                Charts.Bar.of("health", null, "/s")))));

        assertThat(texts(parse(svg))).contains("171/s, goal ≥ 1,000/s", "24 s, meets goal ≤ 30 s", "1,800 MiB, goal ≤ 1,536 MiB",
                "0.43", "no figure");
        var fills = elements(parse(svg), "rect", "bar").stream().map(bar -> bar.getAttribute("fill")).toList();
        assertThat(fills).hasSize(4);
        assertThat(fills.get(0)).isEqualTo(fills.get(2)).isNotEqualTo(fills.get(1)).isNotEqualTo(fills.get(3));
    }

    @Test
    void shouldKeepLabelsThatLookLikeMarkupAsText() throws Exception {
        var svg = parse(Charts.svg("a < b & \"c\"", List.of(new Charts.Panel("<g>", List.of(Charts.Bar.of("x > y", 1.0, ""))))));

        assertThat(texts(svg)).contains("a < b & \"c\"", "<g>", "x > y");
    }

    @Test
    void shouldDrawEveryRunOfTheHistoryWithThisRunLast() {
        var lines = List.of("# a comment", "run,note,rushGatewayPerSecond,idleResidentMiB", "12-03,fixes 1-9,55,2847", "12-07,fix 46,84,");
        Map<String, Object> summary = Map.of("startUpAndMemory", Map.of("idleResidentMiB", 1800));

        var panels = Charts.history(lines, "this run", summary);

        var rush = panels.stream().filter(p -> p.title().startsWith("Enrolment rush through the gateway")).findFirst().orElseThrow();
        assertThat(rush.bars()).extracting(Charts.Bar::label).containsExactly("12-03 fixes 1-9", "12-07 fix 46", "this run");
        assertThat(rush.bars()).extracting(Charts.Bar::value).containsExactly(55.0, 84.0, null);
        var memory = panels.stream().filter(p -> p.title().startsWith("Resident memory")).findFirst().orElseThrow();
        assertThat(memory.bars()).extracting(Charts.Bar::value).containsExactly(2847.0, null, 1800.0);
        assertThat(memory.bars()).allSatisfy(bar -> assertThat(bar.goal()).isEqualTo(1536.0));
    }

    @Test
    void shouldWriteBothChartsOfARunIntoItsResultsFolder(@TempDir Path results) throws Exception {
        var history = Files.writeString(results.resolve("history.csv"), "run,note,restartSeconds\n12-06,fix 28,34.2\n");
        Map<String, Object> summary = Map.of("run", Map.of("scale", "SMOKE"), "startUpAndMemory", Map.of("restartUpSeconds", 24.1));

        Charts.write(results, summary, history, "12-07 15:26 (this run)");

        assertThat(texts(parse(Files.readString(results.resolve("charts.svg"))))).contains("izek-platform benchmark, smoke scale");
        assertThat(texts(parse(Files.readString(results.resolve("history.svg"))))).contains("34.2 s, goal ≤ 30 s", "24.1 s, meets goal ≤ 30 s",
                "12-07 15:26 (this run)");
    }

    private static Document parse(String svg) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document svg, String name, String className) {
        var found = new ArrayList<Element>();
        var nodes = svg.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            var element = (Element) nodes.item(i);
            if (className.equals(element.getAttribute("class"))) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> texts(Document svg) {
        var found = new ArrayList<String>();
        var nodes = svg.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add(nodes.item(i).getTextContent());
        }
        var title = svg.getElementsByTagName("title");
        for (int i = 0; i < title.getLength(); i++) {
            found.add(title.item(i).getTextContent());
        }
        return found;
    }

    private static double width(Element bar) {
        return Double.parseDouble(bar.getAttribute("width"));
    }
}

package org.pot4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM lists every library module of the build, so a module added later is not forgotten in it. */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Modules that are not libraries an application depends on. */
    private static final Set<String> NOT_LIBRARIES = Set.of("pot4j-bom", "pot4j-plugin-parent", "pot4j-distribution",
            "pot4j-onnx-conformance");

    @Test
    void listsEveryLibraryModuleAtTheBuildsVersion() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        Set<String> libraries = new TreeSet<>();
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        while (module.find()) {
            if (module.group(1).startsWith("examples/")) {
                continue;
            }
            String pom = Files.readString(ROOT.resolve(module.group(1)).resolve("pom.xml"));
            String artifact = ownArtifactId(pom);
            if (!NOT_LIBRARIES.contains(artifact)) {
                libraries.add(artifact);
            }
        }
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        Set<String> listed = new TreeSet<>();
        Matcher dependency = Pattern.compile("<artifactId>([^<]+)</artifactId>\\s*<version>\\$\\{project.version}")
                .matcher(bom);
        while (dependency.find()) {
            listed.add(dependency.group(1));
        }
        assertEquals(libraries, listed);
        assertEquals(version(parent), version(bom), "the BOM's version is the build's");
    }

    /** The artifactId after the parent section. */
    private static String ownArtifactId(String pom) {
        int afterParent = pom.contains("</parent>") ? pom.indexOf("</parent>") : 0;
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
        m.find(afterParent);
        return m.group(1);
    }

    private static String version(String pom) {
        int afterParent = pom.contains("</parent>") ? pom.indexOf("</parent>") : 0;
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(pom);
        m.find(afterParent);
        return m.group(1);
    }
}

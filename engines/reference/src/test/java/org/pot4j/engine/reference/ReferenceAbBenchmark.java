package org.pot4j.engine.reference;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.core.timing.AlternatingRounds;
import org.pot4j.onnx.OnnxModelFormat;

/**
 * Two builds of this engine side by side in one JVM (each engine's classes in its own class loader over a classes
 * folder, the API and the IR reader shared), run in interleaved 250 ms rounds on the same model and input, so load
 * changes on a shared machine hit both alike. Not a unit test; see the README for the command.
 * Args: {@code model.xml|model.onnx size seconds batch gflopPerImage label@classesDir[@key=value,...]...}.
 */
public final class ReferenceAbBenchmark {
    private ReferenceAbBenchmark() {
    }

    public static void main(String[] a) throws Exception {
        ModelSource source = ModelSource.of(Path.of(a[0]));
        Model model = a[0].endsWith(".onnx") ? new OnnxModelFormat().read(source) : new IrModelFormat().read(source);
        int size = Integer.parseInt(a[1]);
        double seconds = Double.parseDouble(a[2]);
        int batch = Integer.parseInt(a[3]);
        double gflop = Double.parseDouble(a[4]);
        List<String> labels = new ArrayList<>();
        List<Engine> engines = new ArrayList<>();
        ClassLoader shared = ReferenceAbBenchmark.class.getClassLoader();
        try {
            shared.loadClass("org.pot4j.engine.reference.ReferenceEngineFactory");
            throw new IllegalStateException("the engine's own classes are on the classpath: every build would load"
                    + " those; run with target/test-classes and the jars only (see the README)");
        } catch (ClassNotFoundException expected) {
            // each build's classes come from its own loader below
        }
        for (int i = 5; i < a.length; i++) {
            String[] p = a[i].split("@");
            URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(p[1]).toUri().toURL()}, shared);
            EngineFactory f = (EngineFactory) cl.loadClass("org.pot4j.engine.reference.ReferenceEngineFactory")
                    .getDeclaredConstructor().newInstance();
            Map<String, Object> cfg = new HashMap<>();
            if (p.length > 2) {
                for (String kv : p[2].split(",")) {
                    String[] x = kv.split("=");
                    cfg.put(x[0], x[1]);
                }
            }
            Engine e = f.create(EngineSettings.cpu(cfg), null);
            e.setModel(model);
            labels.add(p[0]);
            engines.add(e);
        }
        float[] v = new float[batch * 3 * size * size];
        Random r = new Random(1);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 255 - 128;
        }
        Tensor in = Tensor.ofFloats(v, batch, 3, size, size);
        for (Engine e : engines) {
            for (int w = 0; w < 5; w++) {
                e.infer(Map.of("", in));
            }
        }
        List<Runnable> runs = new ArrayList<>();
        engines.forEach(e -> runs.add(() -> e.infer(Map.of("", in))));
        List<List<Double>> times = AlternatingRounds.time(seconds, 0, runs);
        for (int i = 0; i < engines.size(); i++) {
            List<Double> t = times.get(i);
            Collections.sort(t);
            double median = t.get(t.size() / 2);
            System.out.printf("%-22s batch %d: median %.2f ms (min %.2f), %.1f GFLOPS at the median, %.1f at the min,"
                    + " %d runs%n", labels.get(i), batch, median, t.get(0), gflop * batch / median * 1000,
                    gflop * batch / t.get(0) * 1000, t.size());
            engines.get(i).close();
        }
    }
}

import java.io.*;
import java.nio.*;
import java.nio.file.*;
import java.util.*;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vmastream.datasets.mnist.*;
import org.vmastream.model.VmaModel;
import org.vmastream.model.checkpoint.CheckpointFile;

public class DumpMatchingSpace {
    public static void main(String[] a) throws Exception {
        MnistDataset train = Mnist.train(MnistFetcher.defaultCacheDir());
        MnistDataset test = Mnist.test(MnistFetcher.defaultCacheDir());
        for (String ds : a) {
            int digit = Integer.parseInt(ds);
            VmaModel model = CheckpointFile.read(Path.of("runs/novelty/without-" + digit + ".vmackpt")).toModel();
            int[] order = shuffled(train, digit, 1 + digit);
            int[] chosen = Arrays.copyOf(order, 1024 + 1000 + 8000);
            write(model, train, chosen, "/tmp/nov2/h/train-" + digit);
            int[] all = new int[test.size()];
            for (int i = 0; i < all.length; i++) all[i] = i;
            write(model, test, all, "/tmp/nov2/h/test-" + digit);
        }
    }
    static void write(VmaModel model, MnistDataset data, int[] idx, String name) throws IOException {
        float[] x = new float[idx.length * 784];
        float[] img = new float[784];
        int[] labels = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            data.image(idx[i], img, 0);
            for (int d = 0; d < 784; d++) x[i * 784 + d] = img[d] > 0.5f ? 1f : 0f;
            labels[i] = data.label(idx[i]);
        }
        INDArray keys = model.matchKeys(Nd4j.create(x, new long[] {idx.length, 784}, 'c')).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        float[] h = keys.data().asFloat();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(name + ".f32")))) {
            ByteBuffer b = ByteBuffer.allocate(h.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(h);
            out.write(b.array());
        }
        try (PrintWriter w = new PrintWriter(name + ".labels")) {
            w.println(keys.columns());
            for (int l : labels) w.println(l);
        }
    }
    static int[] shuffled(MnistDataset data, int digit, long seed) {
        int[] out = new int[data.size()];
        int n = 0;
        for (int i = 0; i < data.size(); i++) if (data.label(i) != digit) out[n++] = i;
        out = Arrays.copyOf(out, n);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) { int j = random.nextInt(i + 1); int t = out[i]; out[i] = out[j]; out[j] = t; }
        return out;
    }
}

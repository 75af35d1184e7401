import java.util.*;
import com.amazon.randomcutforest.RandomCutForest;
import org.vmastream.datasets.mnist.*;
public class RcfProbe {
  public static void main(String[] a) throws Exception {
    int digit = Integer.parseInt(a[0]);
    MnistDataset train = Mnist.train(MnistFetcher.defaultCacheDir());
    MnistDataset test = Mnist.test(MnistFetcher.defaultCacheDir());
    int[] order = new int[train.size()]; int n=0;
    for (int i=0;i<train.size();i++) if (train.label(i)!=digit) order[n++]=i;
    order=Arrays.copyOf(order,n); SplittableRandom r=new SplittableRandom(1+digit);
    for (int i=n-1;i>0;i--){int j=r.nextInt(i+1);int t=order[i];order[i]=order[j];order[j]=t;}
    long t0=System.nanoTime();
    RandomCutForest forest = RandomCutForest.builder().dimensions(784).numberOfTrees(50).sampleSize(256).randomSeed(1).build();
    float[] img=new float[784]; double[] p=new double[784];
    int points=Integer.parseInt(a[1]);
    for (int i=0;i<points;i++){ train.image(order[i% n],img,0); for(int d=0;d<784;d++)p[d]=img[d]>0.5f?1:0; forest.update(p);}
    long t1=System.nanoTime();
    double[] s=new double[test.size()];
    for (int i=0;i<test.size();i++){ test.image(i,img,0); for(int d=0;d<784;d++)p[d]=img[d]>0.5f?1:0; s[i]=forest.getAnomalyScore(p);}
    long t2=System.nanoTime();
    // AUROC
    Integer[] idx=new Integer[s.length]; for(int i=0;i<idx.length;i++)idx[i]=i;
    Arrays.sort(idx,(x,y)->Double.compare(s[x],s[y]));
    double rankSum=0; long pos=0;
    for(int k=0;k<idx.length;k++) if(test.label(idx[k])==digit){rankSum+=k+1;pos++;}
    long neg=s.length-pos;
    System.out.printf("digit %d: %d updates in %.1f s, %d scores in %.1f s (%.2f ms each), AUROC %.3f%n", digit, points,(t1-t0)/1e9, s.length,(t2-t1)/1e9,(t2-t1)/1e6/s.length,(rankSum-pos*(pos+1)/2.0)/(pos*(double)neg));
  }
}

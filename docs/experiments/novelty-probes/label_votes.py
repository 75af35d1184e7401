import numpy as np
exec(open('docs/experiments/novelty-probes/mahalanobis.py').read().split("res={}")[0])
res={}
for d in range(10):
    tr,ytr=load(f'/tmp/nov2/h/train-{d}'); te,yte=load(f'/tmp/nov2/h/test-{d}')
    M,yM=tr[:1024],ytr[:1024]; held=yte==d
    S=te@M.T
    out={}
    for k in [5,10,20]:
        idx=np.argsort(-S,1)[:,:k]; lab=yM[idx]
        share=np.array([np.bincount(r,minlength=10).max() for r in lab])/k
        out[f'vote{k}']=-share
    for T in [0.02,0.05,0.1]:
        W=np.exp((S-S.max(1,keepdims=True))/T); W/=W.sum(1,keepdims=True)
        mass=np.stack([W[:,yM==c].sum(1) for c in range(10)],1).max(1)
        out[f'soft{T}']=-mass
        out[f'soft{T}+1nn']=(-mass-np.median(-mass))/(np.subtract(*np.percentile(-mass,[75,25]))+1e-9) + (-S.max(1)-np.median(-S.max(1)))/(np.subtract(*np.percentile(-S.max(1),[75,25]))+1e-9)
    for k,v in out.items(): res.setdefault(k,[]).append(auroc(v[held],v[~held]))
for k,v in res.items():
    v=np.array(v); print(f"{k:14s} mean {v.mean():.3f} worst {v.min():.3f} "+" ".join(f"{x:.2f}" for x in v))

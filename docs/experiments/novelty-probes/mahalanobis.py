import numpy as np
def auroc(pos,neg):
    s=np.concatenate([pos,neg]); r=s.argsort(kind='stable').argsort()+1
    return (r[:len(pos)].sum()-len(pos)*(len(pos)+1)/2)/(len(pos)*len(neg))
def load(n):
    lab=open(n+'.labels').read().split(); dim=int(lab[0]); y=np.array(lab[1:],int)
    h=np.fromfile(n+'.f32',dtype='<f4').reshape(len(y),dim); return h,y
res={}
for d in range(10):
    tr,ytr=load(f'/tmp/nov2/h/train-{d}'); te,yte=load(f'/tmp/nov2/h/test-{d}')
    M,yM=tr[:1024],ytr[:1024]; R=tr[1024:2024]; B,yB=tr[2024:],ytr[2024:]
    held=yte==d
    out={}
    S=te@M.T
    out['1nn']=-S.max(1)
    for k in [5,20]:
        out[f'knn{k}']=-np.sort(S,1)[:,-k:].mean(1)
    classes=[c for c in range(10) if c!=d]
    for name,(X,y) in {'mahaM':(M,yM),'mahaMB':(np.vstack([M,B]),np.concatenate([yM,yB]))}.items():
        mus=np.stack([X[y==c].mean(0) for c in classes])
        Xc=np.vstack([X[y==c]-mus[i] for i,c in enumerate(classes)])
        cov=Xc.T@Xc/len(Xc)+1e-4*np.eye(X.shape[1])
        P=np.linalg.inv(cov)
        dist=np.stack([np.einsum('ij,jk,ik->i',te-m,P,te-m) for m in mus],1)
        out[name]=dist.min(1)
    # relative mahalanobis (Ren 2021): subtract background gaussian
    X=M; mu0=X.mean(0); C0=np.cov(X.T)+1e-4*np.eye(X.shape[1]); P0=np.linalg.inv(C0)
    d0=np.einsum('ij,jk,ik->i',te-mu0,P0,te-mu0)
    mus=np.stack([M[yM==c].mean(0) for c in classes]); Xc=np.vstack([M[yM==c]-mus[i] for i,c in enumerate(classes)])
    P=np.linalg.inv(Xc.T@Xc/len(Xc)+1e-4*np.eye(M.shape[1]))
    dist=np.stack([np.einsum('ij,jk,ik->i',te-m,P,te-m) for m in mus],1)
    out['relmaha']=dist.min(1)-d0
    for k,v in out.items(): res.setdefault(k,[]).append(auroc(v[held],v[~held]))
for k,v in res.items():
    v=np.array(v); print(f"{k:10s} mean {v.mean():.3f} worst {v.min():.3f} "+" ".join(f"{x:.2f}" for x in v))

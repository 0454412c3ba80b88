# The tutorial's kubernetes.yaml.tpl. app-ci renders it into the env
# repository's candidate branch as kubernetes.yaml, with ${IMAGE} replaced by
# the image it built, pinned by digest (REPOSITORY:SHORT_SHA@sha256:...), and
# ${SHORT_SHA} by the commit's short SHA.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  labels:
    app: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
        - name: hello
          image: ${IMAGE}
          env:
            - name: VERSION
              value: '${SHORT_SHA}'
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet:
              path: /healthz
              port: 8080
---
kind: Service
apiVersion: v1
metadata:
  name: hello
spec:
  selector:
    app: hello
  ports:
    - protocol: TCP
      port: 80
      targetPort: 8080
  type: LoadBalancer

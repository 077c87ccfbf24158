// A consumer of logits4j as a named module: compiled and run by ModulePathIT.
module app {
    requires dev.logits4j;
}

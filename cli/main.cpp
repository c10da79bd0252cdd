#include "cli/app.hpp"

int main(int argc, char** argv) { return cli::real_main(argc, argv); }

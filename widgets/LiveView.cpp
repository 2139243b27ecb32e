#include "LiveView.h"

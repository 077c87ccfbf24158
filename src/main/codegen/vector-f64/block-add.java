                sum = sum.add(e);

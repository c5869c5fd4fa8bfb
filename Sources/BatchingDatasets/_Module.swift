import Batching

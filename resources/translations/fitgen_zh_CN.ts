<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>{error}

Your settings and runs are safe.</source>
        <translation>{error}

您的设置和训练记录都完好无损。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Augmentation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fit options</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batches</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Evaluation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Improve the data</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Predict</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Setting</name>
    <message>
        <source>Run name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folders of images, one sub-folder per class; or your own generator in a Python file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A Python data file (programmers)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training images</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The folder of training images, with one sub-folder per class (cats/, dogs/...).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The folder of validation images, one sub-folder per class.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The share of each class's training images kept aside for validation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be between 0 and 1 (a fraction, e.g. 0.2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Image size (h × w)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Height and width the images are resized to.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How many channels the model sees.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colour (RGB)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Grayscale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colour + alpha (RGBA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How labels are given to the model; 'binary' needs exactly 2 classes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One-hot (categorical)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class index (sparse)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Binary (2 classes)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images per training step. Smaller uses less memory; larger trains faster per image.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resizing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How images are resampled to the image size (Pillow's filter of that name, which an exported model's preprocessing.json names).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bilinear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nearest (Keras 2 default)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bicubic</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lanczos</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Area (box)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hamming</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Crop to keep the aspect ratio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cut the centre of each image to the target's shape instead of stretching it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow linked folders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Include folders reached through links (shortcuts), and class folders that are links.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Also read GIF and WebP files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keras 2's flow_from_directory reads png, jpg, bmp, ppm and tif only; turn this off to train on exactly Keras 2's files.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fast reading of large photos (OpenCV)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decode JPEGs at reduced scale and resize with OpenCV: faster on large photos, but the pixels differ a little from Keras 2's and from what an exported model's preprocessing.json declares (its self-test then shows the difference).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Data file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A file defining class_names and train_data(batch_size) (and val_data): see docs/python-data-file.md.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rotation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Turn images by up to this many degrees, left or right.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shift sideways</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move images sideways by up to this share of their width.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shift up/down</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move images up or down by up to this share of their height.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Slant images by up to this angle, in degrees (Keras 2: 0.2 is almost nothing).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zoom in or out by up to this share; width and height are zoomed separately.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be at least 0 and below 1 (0.2 zooms by up to 20% in or out)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Brightness</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Multiply pixel values by a factor from the range (0.8 is 20% darker, 1.2 is 20% brighter).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Colour shift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add a random amount (up to this) to every colour channel.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fill uncovered areas</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What fills the corners uncovered by a rotation, shift or zoom out.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Repeat the edge pixels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mirror the image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tile the image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A fixed value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fill value</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The pixel value used when filling with a fixed value (0 black, 255 white).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Left–right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mirror half of the images left to right.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Upside down</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Flip half of the images upside down (only if that can happen in real images, e.g. cells).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rescale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keras 2's rescale, after augmentation: 1/255 = 0.003922.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Subtract the dataset mean</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Per channel, computed from a sample of the training images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Divide by the dataset std</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Subtract each image's mean</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Divide by each image's std</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ZCA whitening</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decorrelate pixels (only for images of 32×32 or less).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ZCA epsilon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Regularization of ZCA whitening.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Resampling</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How pixels are resampled when images are turned or zoomed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Architecture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The network that learns. The small CNN is quick on a CPU; the others are stronger, and much stronger with ImageNet weights.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Small CNN (fast, learns simple images on a CPU)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MobileNetV3 Small</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MobileNetV3 Large</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EfficientNet B0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>EfficientNetV2 B0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ConvNeXt Tiny</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ResNet50</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start from</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start from weights learned on ImageNet (1.2 million photos) to learn from few images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Train the whole network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Off: only the new classification head learns (fast, good with pretrained weights and few images).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of features switched off at random in training, against overfitting.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Input size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images are resized to this inside the model.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Then fine-tune the top of the network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keras's transfer-learning recipe: the new head learns alone on the frozen network for the first half of the epochs, then the top 30% of the network's layers learn too, at a tenth of the learning rate (batch normalization stays frozen). Needs 'Train the whole network' off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fine-tune from epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be epoch 2 or later (epoch 1 trains the head)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share of layers fine-tuned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fine-tuning learning-rate factor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compute the frozen network's features once</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>While the network is frozen it sees each image the same way every epoch: FitGen runs it once per image, keeps what it sees in the run folder, and the head learns from that (epochs many times faster; the saved model is the whole network as usual). With augmentation, several augmented copies of each image are kept and the epochs take them in turn.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Augmented copies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>With augmentation: augmented copies of each image computed once; more copies give more variety and take longer to compute.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be a whole number of copies from 1 to 100</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How the weights are updated. Adam is a good default.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Adam</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>AdamW</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RMSprop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Step size of learning. Too high: the loss jumps or becomes NaN; too low: slow.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be a number above 0 (typically 0.0001 to 0.01)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How the learning rate changes during training.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Constant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cosine decay to 0</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Step decay</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Step decay factor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Step decay: multiply the rate by this...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Step decay every</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>...every this many epochs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Passes over the training images.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Steps per epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batches per epoch; automatic is every image once (ceil(images / batch size)).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be a whole number of batches from 1 to 10,000,000 (or empty for automatic)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation steps</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation batches after an epoch; automatic is all.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validate every</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validate after every N epochs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Threads preparing batches while the model trains; 0 prepares them in turn.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Use processes instead of threads</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rarely faster for image files; needs more memory.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Queue size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batches prepared ahead, at most.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shuffle images every epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A new order every epoch (recommended).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Make rare classes count more in the loss.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the console shows, as Keras's verbose 1, 2 or 0.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress bar</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One line per epoch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Silent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The same seed repeats the same shuffling, augmentation and dropout.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where the model trains. GPUs appear once TensorFlow has loaded.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mixed precision (GPU)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>16-bit arithmetic where safe: faster on recent GPUs, no use on a CPU.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>XLA compilation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>XLA compiles the training step into fused GPU code: often faster on a GPU after a longer first batch; rarely worth it on a CPU.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Automatic (on with one GPU)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check every file before training</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Find unreadable files first (they are skipped).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop if unreadable above</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop when more than this share of images fails to load during training.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>When the loss is NaN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What to do when the loss becomes NaN (not a number).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Warn and go on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop early</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop when the watched value stops improving.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Watch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The value to watch.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training loss</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Patience</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epochs without improvement to wait.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Smallest improvement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep the best epoch's weights</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lower the learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Multiply the rate by the factor when the watched value stops improving (constant schedule only).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Factor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Multiply the rate by this.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Epochs to wait.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lowest learning rate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write TensorBoard logs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In the run folder's tensorboard/ sub-folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profile batches</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Training batches to profile, e.g. 10-30.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Best epoch by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The value that decides which epoch is the best.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep checkpoints</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checkpoints of the newest epochs kept; the best epoch's is kept as well.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>must be a whole number of checkpoints (0 keeps all)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Final model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What model.keras is when training ends: the best epoch's checkpoint, or the model after the last epoch.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The best epoch (by the value above)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The last epoch</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&lt;h3&gt;FitGen in six steps&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Data&lt;/b&gt;: choose the training folder (one sub-folder per class: &lt;i&gt;cats/&lt;/i&gt;,
&lt;i&gt;dogs/&lt;/i&gt;...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Augmentation&lt;/b&gt;: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Model&lt;/b&gt;: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Fit options&lt;/b&gt;: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.&lt;/li&gt;
&lt;li&gt;Press &lt;b&gt;Start training&lt;/b&gt; (F5). The plots and the console follow every batch.
&lt;b&gt;Stop&lt;/b&gt; keeps a checkpoint; &lt;b&gt;Resume…&lt;/b&gt; continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Evaluate&lt;/b&gt; (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). &lt;b&gt;Predict&lt;/b&gt;: drop new
images on the Predict tab. &lt;b&gt;Model ▸ Export…&lt;/b&gt; writes the model for other programs, each
format checked to predict what FitGen predicts.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;When Start is greyed out, the red line under it says what to fix first.&lt;/p&gt;
&lt;p&gt;The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see &lt;i&gt;docs/python-data-file.md&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;六步上手 FitGen&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;数据&lt;/b&gt;:选择训练集文件夹(每个类别一个子文件夹:&lt;i&gt;cats/&lt;/i&gt;、&lt;i&gt;dogs/&lt;/i&gt;……)和验证集文件夹,
或从训练集中划出一部分图像作为验证集。FitGen 会统计类别并逐一读取每个文件;发现的问题会用通俗的话列出。
也可以直接把文件夹拖到窗口上。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;数据增强&lt;/b&gt;:对训练图像做随机变换(旋转、平移、缩放、翻转、亮度)。右侧的预览显示的批次与模型实际接收到的完全一致。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;模型&lt;/b&gt;:小型 CNN 可在 CPU 上从零开始训练;较大的网络以 ImageNet 预训练权重为起点时,
用很少的图像就能学到更多。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;训练选项&lt;/b&gt;:轮次(epoch)、步数、工作进程数、类别权重、随机种子、设备、早停,以及保留多少个检查点。&lt;/li&gt;
&lt;li&gt;按下&lt;b&gt;开始训练&lt;/b&gt;(F5)。曲线图和控制台会跟随每个批次更新。&lt;b&gt;停止&lt;/b&gt;时会保存检查点;
&lt;b&gt;继续训练…&lt;/b&gt;可以从任意保留的轮次继续任何一次训练。每次训练都是“训练记录”标签页中的一个文件夹:打开它即可再次查看曲线。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;评估&lt;/b&gt;(F6):各类别准确率、混淆矩阵(点击单元格查看其中的图像)、模型最严重的错误以及它关注的区域(Grad-CAM)。
&lt;b&gt;预测&lt;/b&gt;:把新图像拖到“预测”标签页。&lt;b&gt;模型 ▸ 导出…&lt;/b&gt;将模型导出供其他程序使用,每种格式都会检查其预测与 FitGen 一致。&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;“开始”按钮变灰时,它下方的红色提示会说明需要先解决什么。&lt;/p&gt;
&lt;p&gt;完整指南见项目的 README;程序员可以接入自己的生成器(数据来源:Python 数据文件,见 &lt;i&gt;docs/python-data-file.md&lt;/i&gt;)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Choose training &amp;folder…</source>
        <translation>选择训练集文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Runs &amp;workspace folder…</source>
        <translation>训练记录工作文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>继续训练(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Predict images…</source>
        <translation>预测图像(&amp;P)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quick guide</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About FitGen</source>
        <translation>关于 FitGen(&amp;A)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(暂无)</translation>
    </message>
    <message>
        <source>Quick guide</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>About FitGen</source>
        <translation>关于 FitGen</translation>
    </message>
    <message>
        <source>FitGen {version}
Train image classifiers from folders of images.
Keras 2's fit_generator and ImageDataGenerator, on Keras 3.</source>
        <translation>FitGen {version}
用图像文件夹训练图像分类器。
在 Keras 3 上重现 Keras 2 的 fit_generator 和 ImageDataGenerator。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when FitGen is started again.</source>
        <extracomment>The languages offered in *Settings ▸ Language*: code -&gt; name in that language.</extracomment>
        <translation>重新启动 FitGen 后语言才会更改。</translation>
    </message>
</context>
</TS>